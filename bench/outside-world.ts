/**
 * The alarm benchmark's outside world, in a worker thread of its own: the button hardware that
 * presses, and the Bot Connector that receives the cards. In production both are other machines; in
 * the server's own event loop they would queue every card's arrival behind the server's next press,
 * and the server's own work behind the presses being sent.
 *
 * Messages from the main thread: `burst` (send `concurrency` requests at once, answer their latencies
 * from request sent to card received), `lastCard` (the last alarm card received, as the floor's body).
 */
import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { signButtonRequest } from '../bot/alarms/webhook-auth';
import { FakeConnector } from '../test/support/fake-connector';
import { GraphStandIn } from '../bot/platform/graph/graph-stand-in';

export interface WorldButton {
  id: string;
  secret: string;
}

export type WorldRequest =
  | { op: 'burst'; target: 'alarm'; url: string; buttons: WorldButton[] }
  | { op: 'burst'; target: 'floor' | 'bare'; url: string; concurrency: number }
  | { op: 'pushes' }
  | { op: 'lastCard' };

export type WorldAnswer =
  | { op: 'ready'; connectorUrl: string; graphUrl: string }
  | { op: 'pushes'; count: number }
  | { op: 'latencies'; samples: number[] }
  | { op: 'lastCard'; card?: { body: string; key: string } }
  | { op: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('outside-world.ts runs as a worker thread');

const arrivals = new Map<string, (at: number) => void>();
let lastCard: { body: string; key: string } | undefined;
const connector = new FakeConnector({
  keepCalls: false,
  onCall: (call) => {
    if (call.method !== 'POST') return;
    const json = JSON.stringify(call.body);
    const key = /"(bench-[^"]+)"/.exec(json)?.[1];
    if (key && json.includes('AdaptiveCard')) lastCard = { body: json, key };
    const done = key ? arrivals.get(key) : undefined;
    if (done) {
      arrivals.delete(key as string);
      done(performance.now());
    }
  },
});

/**
 * The Halteam's six members, with Entra ids: every alarm is pushed to their phones through the Graph
 * stand-in after its card, as in production, so the figures include that work.
 */
const members = ['sanne', 'mohamed', 'lotte', 'pieter', 'fatima', 'jeroen'];
for (const name of members) {
  connector.members.set(`29:${name}`, { id: `29:${name}`, aadObjectId: `aad-${name}`, name });
}
const graph = new GraphStandIn(
  members.map((name) => ({ id: `aad-${name}`, displayName: name, mail: `${name}@example.org` })),
);

const arrival = (key: string) => new Promise<number>((resolve) => arrivals.set(key, resolve));

async function press(url: string, button: WorldButton): Promise<number> {
  const arrived = arrival(button.id);
  const now = new Date();
  const body = JSON.stringify({ type: 'press', pressedAt: now.toISOString() });
  const headers = signButtonRequest(button.secret, `msg_${randomUUID()}`, now, body);
  const start = performance.now();
  const response = await fetch(`${url}/api/buttons/${button.id}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  if (response.status !== 202) throw new Error(`press answered ${response.status}`);
  await response.arrayBuffer();
  return (await arrived) - start;
}

async function floor(url: string, sameIo: boolean): Promise<number> {
  const key = `bench-${randomUUID()}`;
  const arrived = arrival(key);
  const start = performance.now();
  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ key, sameIo }) });
  await response.arrayBuffer();
  return (await arrived) - start;
}

async function handle(request: WorldRequest): Promise<WorldAnswer> {
  if (request.op === 'lastCard') return { op: 'lastCard', card: lastCard };
  if (request.op === 'pushes') return { op: 'pushes', count: graph.notifications.length };
  const samples =
    request.target === 'alarm'
      ? await Promise.all(request.buttons.map((button) => press(request.url, button)))
      : await Promise.all(
          Array.from({ length: request.concurrency }, () => floor(request.url, request.target === 'floor')),
        );
  return { op: 'latencies', samples };
}

port.on('message', (request: WorldRequest) => {
  handle(request).then(
    (answer) => port.postMessage(answer),
    (error: unknown) => port.postMessage({ op: 'failed', message: String(error) } satisfies WorldAnswer),
  );
});

Promise.all([connector.start(), graph.start()]).then(
  ([connectorUrl, graphUrl]) => port.postMessage({ op: 'ready', connectorUrl, graphUrl } satisfies WorldAnswer),
  (error: unknown) => port.postMessage({ op: 'failed', message: String(error) } satisfies WorldAnswer),
);

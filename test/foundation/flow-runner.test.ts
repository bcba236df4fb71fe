import { TestAdapter, type Activity } from 'botbuilder';
import { z } from 'zod';
import { createTableProvider, type TableProvider } from '../../bot/platform/storage/table-provider';
import { createFlowRunner, createStateEraser, flowStateKey } from '../../bot/platform/teams/flow-runner';
import { createFlowStateTable, type FlowStateStore } from '../../bot/platform/teams/flow-state-table';
import type { ConversationFlow } from '../../bot/shared/conversation-flow';
import { createLogger } from '../../bot/shared/logger';
import { uniquePrefix } from '../support/test-app';

/** A tiny flow: it counts "erbij" and card clicks until "klaar". */
const counterState = z.object({ version: z.literal(2), count: z.number().int() });
type CounterState = z.infer<typeof counterState>;
const counterValue = z.object({ flow: z.literal('teller'), add: z.number().int() });

function counterFlow(
  pause: () => Promise<void> = async () => undefined,
): ConversationFlow<CounterState, { from: number }, z.infer<typeof counterValue>> {
  return {
    id: 'teller',
    state: counterState,
    options: z.object({ from: z.number().int() }).default({ from: 0 }),
    cardValue: counterValue,
    async start(options, who) {
      return {
        replies: [{ text: `Hoi ${who.actor.name}, we tellen vanaf ${options.from}.` }],
        state: { version: 2, count: options.from },
      };
    },
    async continue(state, input) {
      await pause();
      if (input.kind === 'bad-card') return { replies: [{ text: 'Die knop ken ik niet.' }], state };
      if (input.kind === 'text' && input.text === 'klaar') return { replies: [{ text: `Klaar: ${state.count}.` }] };
      const count = state.count + (input.kind === 'card' ? input.value.add : 1);
      return { replies: [{ text: `Nu ${count}.` }], state: { ...state, count } };
    },
    onLostState: () => ({ text: 'De teller is kwijt (de bot is bijgewerkt). Typ **tellen** om opnieuw te beginnen.' }),
    async orphanReply(value) {
      return counterValue.safeParse(value).success ? { start: { from: 10 } } : 'Oude knop.';
    },
  };
}

const person = { id: 'user-id-0', name: 'Sanne de Vries' };
const conversation = { channelId: 'msteams', id: 'a:personal-user-id-0' };

/** One bot instance: the runner, and the plain bot that answers when no flow takes the turn. */
function instance(store: FlowStateStore, flow = counterFlow()) {
  const runner = createFlowRunner({ store, flows: [flow], logger: createLogger('silent') });
  const adapter = new TestAdapter(async (context) => {
    if (context.activity.text === 'tellen') await runner.start(context, 'teller');
    else if (!(await runner.continueTurn(context))) await context.sendActivity('Dat herken ik niet.');
  });
  return {
    async send(content: { text?: string; value?: unknown }): Promise<string[]> {
      const before = adapter.activeQueue.length;
      await adapter.processActivity({
        type: 'message',
        channelId: conversation.channelId,
        from: person,
        conversation: { id: conversation.id, conversationType: 'personal', isGroup: false, name: '' },
        recipient: { id: '28:bot', name: 'Halteam' },
        serviceUrl: 'https://smba.example/emea/',
        ...content,
      });
      return adapter.activeQueue.splice(before).map((activity: Partial<Activity>) => String(activity.text ?? ''));
    },
  };
}

function tables(): TableProvider {
  const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!connectionString) throw new Error('Azurite did not start (jest global set-up)');
  return createTableProvider(connectionString, uniquePrefix());
}

describe('the flow runner', () => {
  it('starts a flow, gives it the following messages and clicks, and is the plain bot again when it ends', async () => {
    const bot = instance(createFlowStateTable(tables()));
    expect(await bot.send({ text: 'hallo' })).toEqual(['Dat herken ik niet.']);
    expect(await bot.send({ text: 'tellen' })).toEqual(['Hoi Sanne de Vries, we tellen vanaf 0.']);
    expect(await bot.send({ text: 'erbij' })).toEqual(['Nu 1.']);
    expect(await bot.send({ value: { flow: 'teller', add: 5 } })).toEqual(['Nu 6.']);
    expect(await bot.send({ value: { flow: 'teller', add: 'veel' } })).toEqual(['Die knop ken ik niet.']);
    expect(await bot.send({ text: 'tellen' })).toEqual(['Nu 7.']);
    expect(await bot.send({ text: 'klaar' })).toEqual(['Klaar: 7.']);
    expect(await bot.send({ text: 'erbij' })).toEqual(['Dat herken ik niet.']);
  });

  it('keeps the state in storage: another instance goes on where the first stopped', async () => {
    const store = createFlowStateTable(tables());
    await instance(store).send({ text: 'tellen' });
    await instance(store).send({ text: 'erbij' });
    expect(await instance(store).send({ text: 'erbij' })).toEqual(['Nu 2.']);
  });

  it('answers a click of a flow that is not running as the flow says, or starts it', async () => {
    const bot = instance(createFlowStateTable(tables()));
    expect(await bot.send({ value: { flow: 'iets-anders' } })).toEqual(['Dat herken ik niet.']);
    expect(await bot.send({ value: { flow: 'teller', add: 'x' } })).toEqual(['Oude knop.']);
    expect(await bot.send({ value: { flow: 'teller', add: 1 } })).toEqual(['Hoi Sanne de Vries, we tellen vanaf 10.']);
    expect(await bot.send({ text: 'erbij' })).toEqual(['Nu 11.']);
  });

  it('takes two messages at once in one instance one after the other: both count', async () => {
    const bot = instance(createFlowStateTable(tables()));
    await bot.send({ text: 'tellen' });
    const both = await Promise.all([bot.send({ text: 'erbij' }), bot.send({ text: 'erbij' })]);
    expect(both.flat().sort()).toEqual(['Nu 1.', 'Nu 2.']);
  });

  it('lets one of two instances win a race for the same conversation and tells the other calmly', async () => {
    const store = createFlowStateTable(tables());
    let arrived = 0;
    let release = () => {};
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    // Both turns have read the state before either writes it.
    const pause = async () => {
      if (++arrived === 2) release();
      await bothRead;
    };
    await instance(store).send({ text: 'tellen' });
    const [first, second] = [instance(store, counterFlow(pause)), instance(store, counterFlow(pause))];
    const answers = await Promise.all([
      first.send({ text: 'erbij' }),
      second.send({ value: { flow: 'teller', add: 5 } }),
    ]);

    const lost = answers.filter((replies) => replies.some((text) => text.includes('tegelijk met een ander')));
    expect(lost).toHaveLength(1);
    expect(lost[0]?.at(-1)).toBe(
      'Je antwoord kwam tegelijk met een ander binnen en is niet bewaard. Typ **overzicht** om te zien waar je bent.',
    );
    const kept = answers[0] === lost[0] ? 5 : 1;
    expect(await instance(store).send({ text: 'klaar' })).toEqual([`Klaar: ${kept}.`]);
  });

  it("says the flow's own message and ends it when the stored state is of an older version", async () => {
    const store = createFlowStateTable(tables());
    await store.write(flowStateKey(conversation), { flow: 'teller', state: { version: 1, count: 3 } });
    const bot = instance(store);
    expect(await bot.send({ text: 'erbij' })).toEqual([
      'De teller is kwijt (de bot is bijgewerkt). Typ **tellen** om opnieuw te beginnen.',
    ]);
    expect(await store.read(flowStateKey(conversation))).toBeUndefined();
    expect(await bot.send({ text: 'erbij' })).toEqual(['Dat herken ik niet.']);
  });

  it('gives the same message for a conversation botbuilder-dialogs kept, and forgets an unknown flow', async () => {
    const store = createFlowStateTable(tables());
    const key = flowStateKey(conversation);
    await store.write(key, { dialogState: { dialogStack: [{ id: 'teller', state: { form: { version: 1 } } }] } });
    const bot = instance(store);
    expect(await bot.send({ text: 'erbij' })).toEqual([
      'De teller is kwijt (de bot is bijgewerkt). Typ **tellen** om opnieuw te beginnen.',
    ]);
    await store.write(key, { flow: 'verdwenen', state: {} });
    expect(await bot.send({ text: 'erbij' })).toEqual(['Dat herken ik niet.']);
    expect(await store.read(key)).toBeUndefined();
  });

  it("forgets a conversation's flow when its state is erased (a draft expired)", async () => {
    const store = createFlowStateTable(tables());
    const bot = instance(store);
    await bot.send({ text: 'tellen' });
    await createStateEraser(store)(conversation);
    expect(await bot.send({ text: 'erbij' })).toEqual(['Dat herken ik niet.']);
  });
});

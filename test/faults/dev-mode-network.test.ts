import net from 'node:net';
import os from 'node:os';
import { BotClient } from '../support/test-app';
import { faultTest, useFaultSuite } from './support/fault-world';

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}

/** `refused` when no TCP connection can be made, else the status of an anonymous activity sent over it. */
async function reachFrom(address: string, port: number, connectorUrl: string): Promise<'refused' | number> {
  const connects = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: address, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
  if (!connects) return 'refused';
  try {
    const response = await new BotClient(`http://${address}:${port}`, connectorUrl).personal(
      { id: '29:intruder', name: 'Iemand op het netwerk' },
      'help',
    );
    return response.status;
  } catch {
    return 'refused';
  }
}

const address = externalAddress();

/**
 * Issue 14, item 11. Without MICROSOFT_APP_ID the bot takes anonymous activities (development, the
 * playground). Then it must not be reachable from the network: a connection to a non-loopback address
 * of this machine on its port is refused (or the request answered 403), while 127.0.0.1 works.
 */
describe('fault 11: development mode is not reachable from the network', () => {
  useFaultSuite();

  if (!address) {
    it.skip('skipped: this machine has no non-loopback IPv4 address to try from', () => undefined);
    return;
  }

  faultTest(
    `without MICROSOFT_APP_ID: refused on ${address}, answered on 127.0.0.1`,
    async (world) => {
      const bot = await world.spawnBot({ env: { MICROSOFT_APP_ID: undefined } });
      const fromNetwork = await reachFrom(address, bot.port, world.connector.url);
      world.note(`from ${address}: ${fromNetwork}`);
      expect([403, 'refused']).toContain(fromNetwork);

      const fromLoopback = await new BotClient(bot.url, world.connector.url).personal(
        { id: '29:local', name: 'Ontwikkelaar' },
        'help',
      );
      expect(fromLoopback.status).toBeLessThan(300);
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    },
    30_000,
  );
});

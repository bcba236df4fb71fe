import type { RunningAzurite } from '../../bot/dev/azurite-process';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __azurite?: RunningAzurite }).__azurite?.child.stop();
}

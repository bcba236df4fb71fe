import type restify from 'restify';
import type { JobDefinition } from './jobs';
import type { CardAction, Command } from './commands';

/** What a capability adds to the running bot. The composition root collects these. */
export interface CapabilityModule {
  name: string;
  commands?: Command[];
  cardActions?: CardAction<unknown>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each job definition parses its own payload
  jobs?: JobDefinition<any>[];
  routes?: ((server: restify.Server) => void)[];
  /** Runs once after storage is ready and before the server takes traffic (e.g. re-drive an outbox). */
  onStart?: () => Promise<void>;
  /** Runs on shutdown before the scheduler stops (e.g. wait for cards still being posted). */
  onStop?: () => Promise<void>;
}

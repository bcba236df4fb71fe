import type restify from 'restify';
import type { Job } from './jobs';
import type { CardAction, Command } from './commands';

/** What a capability adds to the running bot. The composition root collects these. */
export interface CapabilityModule {
  name: string;
  commands?: Command[];
  /** Made with `defineCardAction`: each parses its own data. */
  cardActions?: CardAction[];
  /** Made with `defineJob(…).runBy(…)`: each parses its own payload. */
  jobs?: Job[];
  routes?: ((server: restify.Server) => void)[];
  /** Runs once after storage is ready and before the server takes traffic (e.g. re-drive an outbox). */
  onStart?: () => Promise<void>;
  /** Runs on shutdown before the scheduler stops (e.g. wait for cards still being posted). */
  onStop?: () => Promise<void>;
}

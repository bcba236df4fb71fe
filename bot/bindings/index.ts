/** Bindings: `koppel`, which channel is the Halteam, the dagstart or reception. The public face: other capabilities and the composition root import only this. */
export { koppelCommand } from './koppel-command';

/** Overview: the Overzicht tab's API and the `incident` command, with access rules and an audit of every read. The public face: other capabilities and the composition root import only this. */
export { type DevUser } from './overview-auth';
export { createOverviewModule } from './overview-module';

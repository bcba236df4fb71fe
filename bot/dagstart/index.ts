/** Dagstart: the incident card for the daily stand-up and the daily digest. The public face: other capabilities and the composition root import only this. */
export { createDagstartModule } from './dagstart-module';
export { createDagstartTable } from './dagstart-table';
export { type BanInForce, type BansInForce } from './digest-ports';

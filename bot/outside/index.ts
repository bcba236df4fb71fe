export { createOutsideModule, type OutsideModule } from './outside-module';
export { createOutsideTable } from './outside-table';
export type { OutsideDeps, OutsideSettings, RaiseAlarmPort } from './outside-deps';
export type { OutsideStore } from './outside-store';
export type { OutsideSummary } from './outside-summary';

/** Work outside the building (Hoofdstuk 4): home visits, the alarm from Teams, vermoeden agressie. The public face. */
export { createOutsideModule, type OutsideModule, type SuspicionListing } from './outside-module';
export { createOutsideTable } from './outside-table';
export type { OutsideDeps, OutsideSettings, RaiseAlarmPort } from './outside-deps';
export type { OutsideStore } from './outside-store';
export type { OutsideSummary } from './outside-summary';

/** Measures: recording a warning or access ban, reception, letters, damage and the retention purge. The public face: other capabilities and the composition root import only this. */
export { measureKindLabels, measureKinds, type MeasureKind } from './measure-rules';
export { type MeasureRecord } from './measure-store';
export { createMeasureTable } from './measure-table';
export { bansInForce, createMeasuresModule, type MeasuresModule } from './measures-module';
export { type AggressorRecords } from './retention';

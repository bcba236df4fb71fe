/** Aftercare (nazorggesprekken, Bijlage 5): the three talks planned through the Calendar port, reminders, the form. The public face: other capabilities and the composition root import only this. */
export { type AftercarePlan, type PlannedTalk } from './aftercare-model';
export { createAftercareModule, type AftercareModule } from './aftercare-module';
export { createAftercareTable } from './aftercare-table';
export { isOverdue } from './follow-up-rules';
export { createCalendar } from './graph-calendar';

/** Reports: the meldingsformulier (a ConversationFlow), aangifte and sanction advice, numbering and notifying. The public face: other capabilities and the composition root import only this. */
export { aangifteGroundsFor } from './aangifte-rules';
export { identityOf } from './aggressor-identity';
export { dagstartItem, type DagstartItem, type ReportFollowUp } from './follow-ups';
export { parseIncidentNumber } from './incident-number';
export { meldenCommand } from './melden-command';
export { adviceFor } from './notify-report';
export { factsOf, findRepeats, repeatLines } from './repeat-rules';
export { sanctionAdviceFor } from './repeats';
export { offerCard } from './report-cards';
export { type AlarmFacts } from './report-form';
export {
  aggressionForms,
  formLabels,
  placeKindLabels,
  placeText,
  policeLabels,
  victimOf,
  type AggressionForm,
  type IncidentReport,
  type Person,
  type Place,
  type PoliceAnswer,
} from './report-model';
export { personSchema } from './report-record';
export { type ReportStore } from './report-store';
export {
  createAggressorRecords,
  createDraftTable,
  createIncidentCounter,
  createReportTable,
  createSubmittedReportReader,
  listAllReports,
} from './report-table';
export { createReportsModule, type ReportsModule } from './reports-module';
export { measureText, sanctionNoteTexts, type SanctionAdvice } from './sanction-rules';
export { checkName } from './name-match';

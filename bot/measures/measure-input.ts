import { z } from 'zod';
import type { Advised } from './advice';
import type { EditMode } from './measure-changes';
import {
  checkDecision,
  decisionProblemTexts,
  isBan,
  measureKinds,
  type AangifteStatus,
  type MeasureDecision,
} from './measure-rules';
import type { MeasureRecord } from './measure-store';

/** What the measure form sends (cards/measure-form.json). */
export const formValues = z.object({
  kind: z.enum(measureKinds).optional(),
  startDate: z.string().max(10).optional(),
  endDate: z.string().max(10).optional(),
  name: z.string().max(120).optional(),
  photoUrl: z.string().max(500).optional(),
  deviationReason: z.string().max(1000).optional(),
  aangifte: z.enum(['nog-niet', 'gedaan', 'niet-nodig']).optional(),
  aangifteReason: z.string().max(1000).optional(),
  aangifteDate: z.string().max(10).optional(),
  aangifteBy: z.string().max(120).optional(),
  underNumber: z.enum(['true', 'false']).optional(),
});
export type FormValues = z.infer<typeof formValues>;

export const recordData = formValues.extend({
  number: z.string().min(1).max(40),
  /** Set when the form changes the measure that stands (a second `maatregel`). */
  measureId: z.string().max(80).optional(),
  mode: z.enum(['', 'wijzigen', 'verlengen']).optional(),
});
export type RecordData = z.infer<typeof recordData>;

/** Which measure the form changes, and how; absent for a new measure. */
export interface Editing {
  measure: MeasureRecord;
  mode: EditMode;
}

/** The input as a decision to save, or what the manager must put right first. */
export type CheckedInput =
  | { ok: true; decision: MeasureDecision; aangifte: AangifteStatus; subject?: MeasureRecord['subject'] }
  | { ok: false; problems: string[] };

function aangifteOf(values: FormValues): AangifteStatus | string {
  if (values.aangifte === 'gedaan') {
    if (!values.aangifteDate || !/^\d{4}-\d{2}-\d{2}$/.test(values.aangifteDate) || !values.aangifteBy?.trim()) {
      return 'Bij een gedane aangifte horen de datum en wie de aangifte deed.';
    }
    return {
      status: 'gedaan',
      date: values.aangifteDate,
      by: values.aangifteBy.trim(),
      underNumber: values.underNumber === 'true',
    };
  }
  if (values.aangifte === 'niet-nodig') {
    const reason = values.aangifteReason?.trim();
    return reason ? { status: 'niet-nodig', reason } : { status: 'niet-nodig' };
  }
  return { status: 'nog-niet' };
}

/**
 * Checks the form against the advice: a deviation needs a reason, a ban a period and the person's
 * name (reception must know who), aangifte where it was advised an answer, a photo an https link.
 */
export function checkInput(values: FormValues, advised: Advised, editing?: Editing): CheckedInput {
  const kind = values.kind ?? advised.kind;
  const decision: MeasureDecision = {
    kind,
    ...(isBan(kind) ? { startDate: values.startDate || undefined, endDate: values.endDate || undefined } : {}),
    deviationReason: values.deviationReason?.trim() || undefined,
  };
  const aangifte = aangifteOf(values);
  const problems = checkDecision(
    decision,
    advised,
    typeof aangifte === 'string' ? undefined : { status: aangifte, advised: advised.aangifteAdvised },
    editing?.mode === 'verlengen' ? { endDate: editing.measure.endDate } : undefined,
  ).map((problem) => decisionProblemTexts[problem]);
  if (typeof aangifte === 'string') problems.push(aangifte);
  const name = values.name?.trim() ?? '';
  if (isBan(kind) && !name)
    problems.push('Vul de naam van de persoon in; de receptie moet weten wie het verbod heeft.');
  const photoUrl = values.photoUrl?.trim() ?? '';
  if (photoUrl && !/^https:\/\/\S+$/.test(photoUrl))
    problems.push('Een foto geef je als link die met https:// begint.');
  if (problems.length > 0 || typeof aangifte === 'string') return { ok: false, problems };
  const subject = isBan(kind) ? { name, ...(photoUrl ? { photoUrl } : {}) } : undefined;
  return { ok: true, decision, aangifte, ...(subject ? { subject } : {}) };
}

/** The form filled in with the measure as it stands, to change or extend it. */
export function valuesOf(measure: MeasureRecord): FormValues {
  const { aangifte } = measure;
  return {
    kind: measure.kind,
    startDate: measure.startDate ?? '',
    endDate: measure.endDate ?? '',
    name: measure.subject?.name ?? '',
    photoUrl: measure.subject?.photoUrl ?? '',
    deviationReason: measure.deviationReason ?? '',
    aangifte: aangifte.status,
    aangifteReason: aangifte.status === 'niet-nodig' ? (aangifte.reason ?? '') : '',
    aangifteDate: aangifte.status === 'gedaan' ? aangifte.date : '',
    aangifteBy: aangifte.status === 'gedaan' ? aangifte.by : '',
    underNumber: aangifte.status === 'gedaan' && aangifte.underNumber ? 'true' : 'false',
  };
}

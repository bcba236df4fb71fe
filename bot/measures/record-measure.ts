import { randomBytes } from 'node:crypto';
import type { Actor, CardActionResult } from '../shared/commands';
import { errorCodes, HalteamError } from '../shared/errors';
import { localDate } from '../shared/time-format';
import { changeMeasure, type MeasureChange } from './change-measure';
import { incidentToDecide, type Decider } from './may-decide';
import { formCard, recordedCard } from './measure-cards';
import { currentCard, liftedRecord } from './measure-changes';
import { checkInput, type Editing, type RecordData } from './measure-input';
import { isBan, measureKindLabels, type MeasureDecision } from './measure-rules';
import type { MeasureRecord } from './measure-store';
import type { Background, MeasuresDeps } from './measures-deps';
import { announceBan, announceLift } from './reception';
import { showOnDagstart } from './show-on-dagstart';

/**
 * "Vastleggen" on the measure form (Hoofdstuk 7, Afwikkeling: after every incident a measure towards
 * the aggressor, decided by the manager). The protocol's steps: may this person decide → the advice →
 * check the input → save → tell reception (Bijlage 7: an access ban at once) → show on the dagstart.
 */
export async function recordMeasure(
  data: RecordData,
  who: Decider,
  deps: MeasuresDeps,
  background: Background,
): Promise<CardActionResult> {
  // May decide: the incident's manager or the coordinator. The advice (sanction rules) comes with it.
  const incident = await incidentToDecide(data.number, who, deps);
  if (incident.kind === 'refused') return { message: incident.text };
  if (incident.kind === 'unknown') throw new HalteamError(errorCodes.notFound, `Report ${data.number} not found`);
  const { report, advised, current, recorded } = incident;
  const now = deps.clock.now();
  const outdated = outdatedForm(data, current, report.number, localDate(now));
  if (outdated) return outdated;
  // The id of the measure this click would add, from the same read as `current`: a second click of the
  // form (a double click, another instance) either sees the first's measure or gets its id and stores nothing.
  const id = nextMeasureId(report.number, recorded);
  const editing: Editing | undefined = current
    ? { measure: current, mode: data.mode === 'verlengen' ? 'verlengen' : 'wijzigen' }
    : undefined;

  // Check the input against the advice.
  const checked = checkInput(data, advised, editing);
  if (!checked.ok) return { card: formCard(report.number, advised, data, checked.problems, editing) };
  const { decision, aangifte, subject } = checked;
  const change: MeasureChange = { decision, advised, aangifte, subject, actor: who.actor };
  if (editing && !(isBan(editing.measure.kind) && !isBan(decision.kind))) {
    return changeMeasure(editing.measure, change, deps, background);
  }

  // Save. A ban replaced by a measure without a period is lifted, and the new measure recorded.
  const lines = editing ? await liftReplacedBan(editing.measure, decision, who.actor, now, deps, background) : [];
  const measure = newMeasure(id, report.number, change, now);
  if (!(await deps.store.create(measure))) {
    const stored = (await deps.store.get(id)) ?? measure;
    return { card: currentCard(stored, report.number, localDate(now), [alreadyRecorded]) };
  }
  deps.logger.info(
    { number: measure.number, measureId: measure.id, kind: measure.kind, deviates: Boolean(decision.deviationReason) },
    'measure recorded',
  );
  // Tell reception: a ban that starts today at once, a later one on its first day.
  if (isBan(measure.kind)) lines.push(...(await announceBan(measure, deps, background)));
  // Show on the dagstart.
  showOnDagstart(measure, deps, background);
  lines.push('Maak de conceptbrief af en verstuur hem. De brief noemt de medewerker niet.');
  return { card: recordedCard('Maatregel vastgelegd', measure, advised.text, lines, deps.publicBaseUrl) };
}

/**
 * One incident, one measure: a form sent again, or opened before another measure was recorded or the
 * one it changes was lifted, changes nothing.
 */
function outdatedForm(
  data: RecordData,
  current: MeasureRecord | undefined,
  number: string,
  today: string,
): CardActionResult | undefined {
  if (current && current.id !== data.measureId) {
    return {
      card: currentCard(current, number, today, [
        data.measureId ? 'Deze maatregel is intussen gewijzigd. Hieronder staat hij zoals hij nu is.' : alreadyRecorded,
      ]),
    };
  }
  if (data.measureId && !current) {
    return { message: `Deze maatregel is intussen opgeheven. Typ \`maatregel ${number}\` om opnieuw te beginnen.` };
  }
  return undefined;
}

async function liftReplacedBan(
  ban: MeasureRecord,
  decision: MeasureDecision,
  actor: Actor,
  now: Date,
  deps: MeasuresDeps,
  background: Background,
): Promise<string[]> {
  const reason = `Gewijzigd in: ${measureKindLabels[decision.kind].toLowerCase()}${decision.deviationReason ? `. ${decision.deviationReason}` : ''}`;
  const lifted = await deps.store.update(ban.id, (stands) => liftedRecord(stands, { reason, actor, now }));
  return lifted ? announceLift(lifted, deps, background) : [];
}

const alreadyRecorded =
  'Er is al een maatregel vastgelegd voor dit incident. Wijzig, verleng of hef hem hier op; een tweede leg ik niet vast.';

/** Measures of an incident are numbered: `AGR-2026-0042-v1`, `-v2` after a lift or a replaced ban. */
function nextMeasureId(number: string, recorded: number): string {
  return `${number}-v${recorded + 1}`;
}

function newMeasure(id: string, number: string, change: MeasureChange, now: Date): MeasureRecord {
  const { decision, advised, aangifte, subject, actor } = change;
  return {
    id,
    number,
    kind: decision.kind,
    ...(decision.startDate ? { startDate: decision.startDate, endDate: decision.endDate } : {}),
    advised: advised.text,
    ...(decision.deviationReason ? { deviationReason: decision.deviationReason } : {}),
    aangifte,
    decidedBy: { id: actor.id, aadObjectId: actor.aadObjectId, name: actor.name },
    decidedAt: now.toISOString(),
    ...(subject ? { subject } : {}),
    letterKey: randomBytes(18).toString('base64url'),
  };
}

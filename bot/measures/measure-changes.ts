import { randomBytes } from 'node:crypto';
import currentTemplate from '../../cards/measure-current.json';
import { renderCard } from '../platform/cards/render-card';
import type { Actor } from '../shared/commands';
import type { AdaptiveCard } from '../shared/messenger';
import { localDate } from '../shared/time-format';
import {
  canLiftOrExtend,
  isBan,
  longDate,
  measureState,
  measureSummary,
  stateText,
  type AangifteStatus,
  type MeasureDecision,
} from './measure-rules';
import type { MeasureRecord } from './measure-store';

/**
 * A measure that stands (Hoofdstuk 7, Afwikkeling: the manager decides the measure): a second
 * `maatregel` for the incident shows it, to change, extend or lift it, instead of recording a second
 * one (which listed a ban twice and told reception twice). Changing keeps one record with its history;
 * lifting a ban early needs a reason, and reception is told (reception.ts).
 */
export type EditMode = 'wijzigen' | 'verlengen';

export function aangifteText(aangifte: AangifteStatus): string {
  if (aangifte.status === 'gedaan') {
    return `Gedaan op ${longDate(aangifte.date)} door ${aangifte.by}${aangifte.underNumber ? ', onder nummer' : ''}`;
  }
  if (aangifte.status === 'niet-nodig') return aangifte.reason ? `Niet nodig: ${aangifte.reason}` : 'Niet nodig';
  return 'Nog niet gedaan';
}

/** The card of the measure that stands, with what the manager can do with it. */
export function currentCard(
  measure: MeasureRecord,
  number: string,
  today: string,
  problems: readonly string[] = [],
): AdaptiveCard {
  const state = measureState(measure, today);
  const who = measure.changedBy ?? measure.decidedBy;
  const when = measure.changedAt ?? measure.decidedAt;
  const linked = measure.number !== number;
  return renderCard(currentTemplate, {
    number,
    id: measure.id,
    intro: linked
      ? `Dit incident is ook gemeld als ${measure.number}; daar is de maatregel vastgelegd. Er komt geen tweede maatregel bij.`
      : 'Voor dit incident is al een maatregel vastgelegd. Er komt geen tweede bij: je kunt deze wijzigen' +
        (canLiftOrExtend(state) ? ', verlengen of opheffen.' : '.'),
    facts: [
      { title: 'Maatregel', value: measureSummary(measure) },
      { title: 'Stand', value: stateText(measure, today) },
      {
        title: measure.changedAt ? 'Gewijzigd' : 'Besloten',
        value: `${longDate(localDate(new Date(when)))} door ${who.name}`,
      },
      ...(measure.deviationReason ? [{ title: 'Reden afwijking', value: measure.deviationReason }] : []),
      { title: 'Aangifte', value: aangifteText(measure.aangifte) },
      ...(linked ? [{ title: 'Kenmerk', value: measure.number }] : []),
    ],
    problems,
    lines: (measure.history ?? []).map((version) => `Eerder: ${version.summary} (${version.by})`),
    canLift: isBan(measure.kind) && canLiftOrExtend(state),
  });
}

/**
 * The record after a change: the new decision in place of the old, the old one in the history, a new
 * letter, and reception set to hear of the change when they knew the ban.
 */
export function changedRecord(
  current: MeasureRecord,
  change: {
    decision: MeasureDecision;
    advised: string;
    aangifte: AangifteStatus;
    subject?: MeasureRecord['subject'];
    actor: Actor;
    now: Date;
  },
): MeasureRecord {
  const { decision } = change;
  const receptionKnew = Boolean(current.receptionToldAt) && isBan(current.kind);
  const next: MeasureRecord = {
    ...current,
    kind: decision.kind,
    startDate: isBan(decision.kind) ? decision.startDate : undefined,
    endDate: isBan(decision.kind) ? decision.endDate : undefined,
    advised: change.advised,
    deviationReason: decision.deviationReason,
    aangifte: change.aangifte,
    subject: isBan(decision.kind) ? change.subject : current.subject,
    revision: (current.revision ?? 0) + 1,
    changedAt: change.now.toISOString(),
    changedBy: { id: change.actor.id, aadObjectId: change.actor.aadObjectId, name: change.actor.name },
    history: [
      ...(current.history ?? []),
      {
        summary: measureSummary(current),
        decidedAt: current.changedAt ?? current.decidedAt,
        by: (current.changedBy ?? current.decidedBy).name,
      },
    ],
    letterKey: randomBytes(18).toString('base64url'),
    receptionToldAt: undefined,
    tellReceptionAs: receptionKnew ? 'changed' : undefined,
    endToldAt: undefined,
  };
  return next;
}

/** Lifted early: when, by whom, why. */
export function liftedRecord(current: MeasureRecord, lift: { reason: string; actor: Actor; now: Date }): MeasureRecord {
  return {
    ...current,
    liftedAt: lift.now.toISOString(),
    liftedBy: { id: lift.actor.id, aadObjectId: lift.actor.aadObjectId, name: lift.actor.name },
    liftReason: lift.reason,
  };
}

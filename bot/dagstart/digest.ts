import { DateTime } from 'luxon';
import digestTemplate from '../../cards/dagstart-digest.json';
import type { Alarm } from '../alarms';
import { outcomeLabels } from '../alarms';
import { renderCard } from '../platform/cards/render-card';
import type { OutgoingMessage } from '../shared/messenger';
import { dayAndTime, zone } from '../shared/time-format';
import { noMeasureYet, type DagstartEntry } from './dagstart-card';
import type { BanInForce } from './digest-ports';

export interface DigestInput {
  /** The digest's day, yyyy-MM-dd. */
  date: string;
  incidents: DagstartEntry[];
  bans: BanInForce[];
  overdueAftercare: number;
  onDuty: string[];
  /** Alarms of the last 24 hours, exercises included (they are listed apart). */
  alarms: Alarm[];
}

function dayText(date: string, format: string): string {
  return DateTime.fromISO(date, { zone }).setLocale('nl').toFormat(format);
}

function alarmLine(alarm: Alarm): { title: string; value: string } {
  const state = alarm.status === 'closed' ? outcomeLabels[alarm.closed.outcome] : 'nog open';
  return { title: dayAndTime(alarm.pressedAt), value: `${alarm.location}: ${state}` };
}

/**
 * The morning digest for the dagstart (protocol Hoofdstuk 3: every incident is a topic of the next
 * dagstart; Bijlage 7: reception knows the access bans in force). It carries what `DagstartEntry`
 * carries and no more: never the aggressor. A morning with nothing to report is one line.
 */
export function digestMessage(input: DigestInput): OutgoingMessage {
  const onDuty = input.onDuty.length > 0 ? input.onDuty.join(', ') : 'niemand op dienst';
  const real = input.alarms.filter((alarm) => !alarm.exercise);
  const exercises = input.alarms.filter((alarm) => alarm.exercise);
  const nothing =
    input.incidents.length === 0 && input.bans.length === 0 && input.overdueAftercare === 0 && real.length === 0;
  const title = `Dagstart ${dayText(input.date, 'cccc d LLLL')}`;
  if (nothing) {
    const exerciseText =
      exercises.length > 0 ? ` (${exercises.length} OEFENING${exercises.length > 1 ? 'EN' : ''})` : '';
    return { text: `${title}: niets te melden${exerciseText}. Halteam vandaag: ${onDuty}.` };
  }
  return {
    card: renderCard(digestTemplate, {
      title,
      incidents: input.incidents.map((entry) => ({
        title: entry.number,
        value: [
          dayAndTime(entry.occurredAt),
          entry.place,
          entry.forms.join(', '),
          `politie: ${entry.police.toLowerCase()}`,
          `maatregel: ${(entry.measure ?? noMeasureYet).toLowerCase()}`,
          ...(entry.victimName ? [entry.victimName] : []),
        ].join(' · '),
      })),
      bans: input.bans.map((ban) => ({
        title: `tot en met ${dayText(ban.until, 'd LLLL yyyy')}`,
        value: ban.description,
      })),
      alarms: real.map(alarmLine),
      exercises:
        exercises.length > 0
          ? `Apart, OEFENING: ${exercises.map((alarm) => `${alarm.location} (${dayAndTime(alarm.pressedAt)})`).join(', ')}`
          : '',
      overdue:
        input.overdueAftercare === 0
          ? 'geen'
          : `${input.overdueAftercare} gesprek${input.overdueAftercare > 1 ? 'ken' : ''}`,
      onDuty,
    }),
  };
}

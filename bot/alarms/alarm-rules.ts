import { samePerson } from '../shared/people';
import type { Alarm, ClosedAlarm, Escalation, OpenAlarm, Outcome, Person } from './alarm-model';

/**
 * The protocol's rules for an alarm (Hoofdstuk 3, Bijlage 10): at least two Halteam members come;
 * too few after the first interval calls every member, after the second reception is told and 112 is
 * advised. Pure functions: state in, state out.
 */
export function stillNeeded(alarm: Alarm, needed: number): number {
  return Math.max(0, needed - alarm.responders.length);
}

/** "Ik kom eraan": one entry per person, however often they click. */
export function addResponder(alarm: OpenAlarm, person: Person, at: Date): { alarm: OpenAlarm; added: boolean } {
  if (alarm.responders.some((responder) => samePerson(responder, person))) return { alarm, added: false };
  return {
    alarm: { ...alarm, responders: [...alarm.responders, { ...person, at: at.toISOString() }] },
    added: true,
  };
}

export type EscalationDecision =
  { escalate: false; reason: 'closed' | 'enough' | 'exercise' | 'done' } | { escalate: true };

export function escalationDecision(alarm: Alarm, level: 1 | 2, needed: number): EscalationDecision {
  if (alarm.exercise) return { escalate: false, reason: 'exercise' };
  if (alarm.status === 'closed') return { escalate: false, reason: 'closed' };
  if (alarm.escalations.some((escalation) => escalation.level === level)) return { escalate: false, reason: 'done' };
  if (stillNeeded(alarm, needed) === 0) return { escalate: false, reason: 'enough' };
  return { escalate: true };
}

export function recordEscalation(alarm: Alarm, escalation: Escalation): Alarm {
  if (alarm.escalations.some((existing) => existing.level === escalation.level)) return alarm;
  return { ...alarm, escalations: [...alarm.escalations, escalation] };
}

export function closeAlarm(alarm: OpenAlarm, outcome: Outcome, by: Person, at: Date): ClosedAlarm {
  return { ...alarm, status: 'closed', closed: { outcome, by, at: at.toISOString() } };
}

export type JoinDecision = { joined: OpenAlarm } | { flooding: true; retryAfterMs: number };

/**
 * A further press of a button with an open alarm counts on that alarm (never a second card). The alarm
 * keeps the times of its last presses, so a button flooding the webhook is refused however many
 * instances its presses reach: at most `perMinute` within any minute.
 */
export function joinPress(alarm: OpenAlarm, at: Date, perMinute: number): JoinDecision {
  const minuteAgo = at.getTime() - 60_000;
  const recent = (alarm.pressTimes ?? []).filter((time) => new Date(time).getTime() > minuteAgo);
  if (recent.length >= perMinute) {
    const oldest = new Date(recent[recent.length - perMinute] as string).getTime();
    return { flooding: true, retryAfterMs: Math.max(1_000, oldest + 60_000 - at.getTime()) };
  }
  const pressLog = alarm.pressLog ?? [];
  return {
    joined: {
      ...alarm,
      presses: alarm.presses + 1,
      pressTimes: [...recent, at.toISOString()].slice(-Math.max(1, perMinute)),
      // A flooding button must not grow the row without end: the count on the card stays exact.
      pressLog: pressLog.length < pressLogMax ? [...pressLog, at.toISOString()] : pressLog,
    },
  };
}

/** The later presses an alarm keeps the time of (the card's count goes on beyond it). */
export const pressLogMax = 50;

export interface TimelineEntry {
  at: string;
  what: string;
}

/** What happened, in order, for the closed card and the yearly review. */
export function timeline(alarm: Alarm): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ at: alarm.pressedAt, what: alarm.raisedBy?.how ?? 'Knop ingedrukt' }];
  (alarm.pressLog ?? []).forEach((at, index) =>
    entries.push({
      at,
      what: `${alarm.raisedBy ? 'Opnieuw alarm gegeven' : 'Knop opnieuw ingedrukt'} (${index + 2}e keer)`,
    }),
  );
  if (alarm.card) entries.push({ at: alarm.card.postedAt, what: 'Alarm in het Halteam-kanaal' });
  for (const responder of alarm.responders) entries.push({ at: responder.at, what: `${responder.name} komt eraan` });
  for (const escalation of alarm.escalations) {
    entries.push({
      at: escalation.at,
      what:
        escalation.level === 1
          ? 'Opgeschaald: alle Halteamleden opgeroepen'
          : 'Opgeschaald: receptie gewaarschuwd, 112 geadviseerd',
    });
  }
  for (const push of alarm.pushes ?? []) {
    if (push.people.length > 0)
      entries.push({
        at: push.at,
        what: `Melding op telefoon naar ${push.people.length} ${push.people.length === 1 ? 'persoon' : 'mensen'}`,
      });
  }
  if (alarm.status === 'closed')
    entries.push({ at: alarm.closed.at, what: `Afgehandeld door ${alarm.closed.by.name}` });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

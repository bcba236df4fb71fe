import { createHash } from 'node:crypto';
import { errorCodes, HalteamError } from '../shared/errors';
import { remember, type AlarmDeps } from './alarm-deps';
import type { PersonAlarmKind } from './alarm-model';
import { refreshAlarmCard, workOutbox } from './deliver-alarm';
import { newAlarmId } from './receive-button-event';

export interface PersonAlarmRequest {
  kind: PersonAlarmKind;
  person: { id: string; aadObjectId?: string; name: string; phone?: string };
  /** Where: a registered location, a typed place, or for a home visit its district (shown beyond the card). */
  location: string;
  /** A home visit's address: on the alarm card only, until forgetPersonAlarmAddress. */
  address?: string;
  /** The same for every retry of one request (a job's id, a clicked card): a second delivery changes nothing. */
  requestId: string;
  /** What started it, for the card's timeline. */
  how: string;
}

export interface PersonAlarmResult {
  outcome: 'created' | 'joined' | 'duplicate';
  alarmId: string;
}

/** The port a capability declares to raise an alarm for a person (see bot/outside). */
export type RaisePersonAlarm = (request: PersonAlarmRequest) => Promise<PersonAlarmResult>;

const personSlotPrefix = 'persoon~';

/** A person's alarm slot: like a button's partition, one open alarm at a time. `~` is never in a button id. */
export function personSlotId(personId: string): string {
  return `${personSlotPrefix}${createHash('sha256').update(personId).digest('hex').slice(0, 16)}`;
}

export function isPersonSlot(slotId: string): boolean {
  return slotId.startsWith(personSlotPrefix);
}

/**
 * An alarm raised by a person rather than a button: stored in one atomic write (deduped by the
 * request id, joining the person's open alarm like a further press), then the same card, responders
 * and escalation as a button alarm. The card is posted before this returns, or left to the outbox
 * sweep when Teams refuses it.
 */
export async function raisePersonAlarm(request: PersonAlarmRequest, deps: AlarmDeps): Promise<PersonAlarmResult> {
  const now = deps.clock.now();
  const result = await deps.store.recordPersonAlarm({
    slotId: personSlotId(request.person.id),
    requestId: request.requestId,
    kind: request.kind,
    location: request.location,
    raisedBy: { ...request.person, address: request.address, how: request.how },
    receivedAt: now,
    newAlarmId: newAlarmId(now),
    deliveryLeaseUntil: new Date(now.getTime() + deps.settings.deliveryLeaseMs),
    owner: deps.owner,
  });
  if (result.kind === 'flooding') {
    throw new HalteamError(errorCodes.webhookRateLimited, 'Too many alarms from one person within a minute');
  }
  if (result.kind === 'duplicate') return { outcome: 'duplicate', alarmId: result.alarmId };
  const alarm = result.alarm;
  deps.logger.info({ alarmId: alarm.id, kind: alarm.kind, outcome: result.kind }, 'person alarm stored');
  if (result.kind === 'created') {
    await workOutbox({ alarm, cardPending: true, escalationsPending: true, attempts: 0 }, deps);
  } else {
    const card = alarm.card ?? deps.postedLately.get(alarm.id);
    if (card) await refreshAlarmCard({ ...alarm, card }, deps);
    else remember(deps.joinedWhilePosting, alarm.id, alarm);
  }
  return { outcome: result.kind, alarmId: alarm.id };
}

/**
 * The home visit closed: its address leaves the alarm and its card (privacy: kept only while the visit
 * is open), and `note` ("… is terug") goes in the card's thread for the Halteam on its way.
 */
export async function forgetPersonAlarmAddress(
  personId: string,
  alarmId: string,
  deps: AlarmDeps,
  note?: string,
): Promise<void> {
  let changed = false;
  const alarm = await deps.store.updateAlarm(personSlotId(personId), alarmId, (current) => {
    if (!current.raisedBy?.address) return undefined;
    changed = true;
    return { ...current, raisedBy: { ...current.raisedBy, address: undefined } };
  });
  if (!alarm || !changed) return;
  await refreshAlarmCard(alarm, deps);
  if (note && alarm.card) await deps.messenger.replyInThread(alarm.card, { text: note });
}

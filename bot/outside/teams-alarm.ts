import type { Actor } from '../shared/commands';
import type { OutsideDeps } from './outside-deps';
import { personOf } from './outside-deps';

/** The place as typed or chosen: one line, not too long. */
export function cleanPlace(text: string | undefined): string | undefined {
  const place = (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
  return place || undefined;
}

/**
 * An alarm from Teams itself (no button within reach): the same pipeline as a button, kind `teams`,
 * at the place the person chose or typed; that place is offered as one tap next time.
 */
export async function raiseTeamsAlarm(
  actor: Actor,
  place: string,
  requestId: string,
  deps: OutsideDeps,
): Promise<{ outcome: 'created' | 'joined' | 'duplicate' }> {
  const person = personOf(actor);
  const profile = await deps.store.getProfile(person.id);
  const result = await deps.raiseAlarm({
    kind: 'teams',
    person: { ...person, phone: profile?.phone },
    location: place,
    requestId,
    how: 'Alarm gegeven via Teams',
  });
  deps.logger.info({ alarmId: result.alarmId, outcome: result.outcome }, 'Teams alarm');
  if (profile?.lastPlace !== place) {
    await deps.store
      .saveProfile({
        version: 1,
        personId: person.id,
        phone: profile?.phone,
        manager: profile?.manager,
        lastPlace: place,
        updatedAt: deps.clock.now().toISOString(),
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'last alarm place not remembered'));
  }
  return { outcome: result.outcome };
}

/** Retries of one click or message within ten seconds are one request; later ones join the open alarm. */
export function teamsRequestId(actor: Actor, source: string | undefined, now: Date): string {
  return `teams-${source ?? actor.id}-${Math.floor(now.getTime() / 10_000)}`;
}

export const alarmSent = (place: string) =>
  `Het Halteam is gewaarschuwd: ${place}. Ga als het kan uit het zicht van de agressor. Bij direct gevaar: bel 112.`;

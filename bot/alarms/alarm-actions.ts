import { z } from 'zod';
import { defineCardAction } from '../shared/card-actions';
import type { Actor, CardAction, CardActionResult } from '../shared/commands';
import { errorCodes, HalteamError } from '../shared/errors';
import { alarmMessage } from './alarm-card';
import type { AlarmDeps } from './alarm-deps';
import { outcomes, type Alarm, type Outcome } from './alarm-model';
import { addResponder, closeAlarm } from './alarm-rules';
import { refreshAlarmCard } from './deliver-alarm';
import { cardAudience } from './alarm-audience';
import { refreshReceptionPost } from './reception-post';

const alarmRef = z.object({ buttonId: z.string().min(1).max(63), alarmId: z.string().min(1).max(80) });
const closeData = alarmRef.extend({ outcome: z.enum(outcomes) });

function person(actor: Actor) {
  return { id: actor.id, aadObjectId: actor.aadObjectId, name: actor.name };
}

async function answerWith(alarm: Alarm, deps: AlarmDeps): Promise<CardActionResult> {
  await refreshAlarmCard(alarm, deps);
  const onDuty = await cardAudience(alarm, deps);
  return { card: alarmMessage(alarm, { needed: deps.settings.respondersNeeded, mention: onDuty }).card };
}

/** "Ik kom eraan": the responder is added once, and the card shows it to everyone. */
export async function respondToAlarm(
  data: z.infer<typeof alarmRef>,
  actor: Actor,
  deps: AlarmDeps,
): Promise<CardActionResult> {
  const at = deps.clock.now();
  const alarm = await deps.store.updateAlarm(data.buttonId, data.alarmId, (current) =>
    current.status === 'open' ? addResponder(current, person(actor), at).alarm : undefined,
  );
  if (!alarm) throw new HalteamError(errorCodes.notFound, `Alarm ${data.alarmId} not found`);
  deps.logger.info({ alarmId: alarm.id, responders: alarm.responders.length }, 'responder on the way');
  // Reception hears once enough are coming (it was told to send someone).
  const enoughNow = alarm.responders.length === deps.settings.respondersNeeded;
  const [answer] = await Promise.all([answerWith(alarm, deps), enoughNow ? refreshReceptionPost(alarm, deps) : null]);
  return answer;
}

/** "Afgehandeld": the card shows the outcome and timeline; the closer is offered the incident report. */
export async function closeAlarmAction(
  data: z.infer<typeof alarmRef> & { outcome: Outcome },
  actor: Actor,
  deps: AlarmDeps,
): Promise<CardActionResult> {
  let closedNow = false;
  const alarm = await deps.store.updateAlarm(data.buttonId, data.alarmId, (current) => {
    if (current.status !== 'open') return undefined;
    closedNow = true;
    return closeAlarm(current, data.outcome, person(actor), deps.clock.now());
  });
  if (!alarm) throw new HalteamError(errorCodes.notFound, `Alarm ${data.alarmId} not found`);
  if (closedNow && alarm.status === 'closed') {
    await deps.store.releaseButton(alarm.buttonId, alarm.id);
    deps.logger.info({ alarmId: alarm.id, outcome: alarm.closed.outcome }, 'alarm closed');
    if (!alarm.exercise && alarm.closed.outcome !== 'loos-alarm') {
      await deps
        .offerReport(alarm, person(actor))
        .catch((error: unknown) =>
          deps.logger.error({ err: error, alarmId: alarm.id }, 'could not offer the incident report'),
        );
    }
  }
  const [answer] = await Promise.all([answerWith(alarm, deps), refreshReceptionPost(alarm, deps)]);
  return answer;
}

export function alarmCardActions(deps: AlarmDeps): CardAction[] {
  return [
    defineCardAction({
      verb: 'alarm.respond',
      data: alarmRef,
      handle: (data, context) => respondToAlarm(data, context.actor, deps),
    }),
    defineCardAction({
      verb: 'alarm.close',
      data: closeData,
      handle: (data, context) => closeAlarmAction(data, context.actor, deps),
    }),
  ];
}

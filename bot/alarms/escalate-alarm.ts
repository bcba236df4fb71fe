import { JobNotYet } from '../shared/jobs';
import { errorCodes, HalteamError, isHalteamError } from '../shared/errors';
import type { AlarmDeps } from './alarm-deps';
import { alarmKindLabels, type Alarm } from './alarm-model';
import { escalationDecision, recordEscalation, stillNeeded } from './alarm-rules';
import { takeOverOutbox } from './deliver-alarm';

/**
 * Too few responders after the first interval: every Halteam member is called in the card's thread.
 * After the second: reception is alerted (or, with no reception channel bound, the Halteam thread
 * carries the advice) and calling 112 is advised. Runs on the durable scheduler, so a restart neither
 * loses nor repeats it; the alarm keeps which levels have gone out. Its job is retried for as long as
 * the alarm is open. The card goes before level 1 (the call points at it), and level 1 before level 2.
 */
export async function escalateAlarm(
  input: { buttonId: string; alarmId: string; level: 1 | 2 },
  deps: AlarmDeps,
): Promise<void> {
  let alarm = await deps.store.getAlarm(input.buttonId, input.alarmId);
  if (!alarm) return;
  if (input.level === 1 && escalationDecision(alarm, 1, deps.settings.respondersNeeded).escalate) {
    alarm = await withCard(alarm, deps);
  }
  if (input.level === 2) waitForLevelOne(alarm, deps);
  const decision = escalationDecision(alarm, input.level, deps.settings.respondersNeeded);
  const log = deps.logger.child({ alarmId: alarm.id, level: input.level });
  if (!decision.escalate) {
    log.info({ reason: decision.reason }, 'no escalation needed');
    return;
  }
  const missing = stillNeeded(alarm, deps.settings.respondersNeeded);
  const coming =
    alarm.responders.length === 0 ? 'Er is nog niemand onderweg' : `Er is pas ${alarm.responders.length} onderweg`;
  let to: 'halteam' | 'receptie' | 'fallback';

  if (input.level === 1) {
    const everyone = await deps.roster.members();
    const text =
      `**Opschaling:** ${coming} naar ${alarm.location}. Er zijn nog ${missing} Halteamleden nodig. ` +
      `${everyone.map((member) => `<at>${member.name}</at>`).join(' ')} Kun je gaan? Klik dan op "Ik kom eraan" op de kaart.`;
    await postInThreadOrChannel(
      alarm,
      { text, mentions: everyone.map((member) => ({ userId: member.id, name: member.name })) },
      deps,
    );
    to = 'halteam';
  } else {
    const text =
      `**Alarm zonder genoeg hulp:** ${alarmKindLabels[alarm.kind]} bij ${alarm.location}. ${coming}. ` +
      'Bel 112 als er gevaar is, en stuur iemand die kan helpen.';
    try {
      await deps.messenger.postToChannel('receptie', { text, urgent: true });
      to = 'receptie';
    } catch (error) {
      if (!isHalteamError(error, errorCodes.channelNotBound)) throw error;
      log.warn('no reception channel bound; the escalation goes to the Halteam thread');
      await postInThreadOrChannel(alarm, { text: `${text} (Er is geen receptiekanaal gekoppeld.)` }, deps);
      to = 'fallback';
    }
  }

  await deps.store.updateAlarm(alarm.buttonId, alarm.id, (current) =>
    recordEscalation(current, { level: input.level, at: deps.clock.now().toISOString(), to }),
  );
  log.warn({ to }, 'alarm escalated');
}

/** The card first: if it is not out yet, post it now (or wait while another instance is posting it). */
async function withCard(alarm: Alarm, deps: AlarmDeps): Promise<Alarm> {
  if (alarm.card) return alarm;
  const outcome = await takeOverOutbox(alarm, deps);
  if (outcome === 'busy') throw new JobNotYet(1_000, 'the alarm card is on its way');
  if (outcome === 'card failed') {
    throw new HalteamError(errorCodes.sendRetriesExhausted, `Alarm ${alarm.id}: the card could not be posted yet`);
  }
  const current = await deps.store.getAlarm(alarm.buttonId, alarm.id);
  if (!current?.card) throw new JobNotYet(1_000, 'the alarm card is not out yet');
  return current;
}

function waitForLevelOne(alarm: Alarm, deps: AlarmDeps): void {
  if (!escalationDecision(alarm, 1, deps.settings.respondersNeeded).escalate) return;
  const levelTwoDue =
    new Date(alarm.receivedAt).getTime() + deps.settings.firstEscalationMs + deps.settings.secondEscalationMs;
  if (deps.clock.now().getTime() < levelTwoDue + deps.settings.levelOrderGraceMs) {
    throw new JobNotYet(1_000, 'level 1 has not gone out yet');
  }
  deps.logger.warn({ alarmId: alarm.id }, 'level 1 is still not out; alerting reception regardless');
}

async function postInThreadOrChannel(
  alarm: { id: string; card?: { conversationId: string; activityId: string } },
  message: { text: string; mentions?: { userId: string; name: string }[] },
  deps: AlarmDeps,
): Promise<void> {
  if (alarm.card) {
    try {
      await deps.messenger.replyInThread(alarm.card, { ...message, urgent: true });
      return;
    } catch (error) {
      // The card is gone (deleted in Teams): the call goes to the channel itself rather than nowhere.
      if (!isHalteamError(error, errorCodes.sendPermanentFailure) || error.details.status !== 404) throw error;
      deps.logger.warn({ alarmId: alarm.id }, 'the alarm card is gone; escalating in the channel');
    }
  }
  await deps.messenger.postToChannel('halteam', { ...message, urgent: true });
}

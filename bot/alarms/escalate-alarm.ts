import { JobNotYet } from '../shared/jobs';
import { errorCodes, HalteamError, isHalteamError } from '../shared/errors';
import type { AlarmDeps } from './alarm-deps';
import type { Alarm } from './alarm-model';
import { escalationDecision, recordEscalation, stillNeeded } from './alarm-rules';
import { takeOverOutbox } from './deliver-alarm';
import type { OutgoingMessage, PostedMessage } from '../shared/messenger';
import { pushAudience } from './alarm-audience';
import { schedulePush } from './push-alarm';
import { receptionMessage, refreshReceptionPost } from './reception-post';

/**
 * Too few responders after the first interval: every Halteam member is called in the card's thread.
 * After the second: reception is alerted (or, with no reception channel bound, the Halteam thread
 * carries the advice), reception's people and the Halteam are mentioned, and calling 112 is advised.
 * Each level also pushes to phones through the activity feed (push-alarm.ts). Runs on the durable scheduler, so a restart neither
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
  let receptionPost: PostedMessage | undefined;

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
    // Reception's people and every Halteam member are mentioned: their phones ring, muted channel or not.
    const people = await pushAudience(alarm, 2, deps);
    const message = receptionMessage(alarm, deps.settings.respondersNeeded, people);
    try {
      receptionPost = await deps.messenger.postToChannel('receptie', { ...message, urgent: true });
      to = 'receptie';
    } catch (error) {
      if (!isHalteamError(error, errorCodes.channelNotBound)) throw error;
      log.warn('no reception channel bound; the escalation goes to the Halteam thread');
      receptionPost = await postInThreadOrChannel(alarm, message, deps);
      to = 'fallback';
    }
  }
  // Before the escalation is recorded: a crash in between runs this job again, which stores the push once.
  await schedulePush(alarm, input.level, deps);

  const recorded = await deps.store.updateAlarm(alarm.buttonId, alarm.id, (current) => {
    const next = recordEscalation(current, { level: input.level, at: deps.clock.now().toISOString(), to });
    return receptionPost ? { ...next, receptionPost } : next;
  });
  // Closed, or enough people coming, while the post was on its way: reception hears it at once.
  if (recorded) await refreshReceptionPost(recorded, deps);
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
  message: OutgoingMessage,
  deps: AlarmDeps,
): Promise<PostedMessage> {
  if (alarm.card) {
    try {
      return await deps.messenger.replyInThread(alarm.card, { ...message, urgent: true });
    } catch (error) {
      // The card is gone (deleted in Teams): the call goes to the channel itself rather than nowhere.
      if (!isHalteamError(error, errorCodes.sendPermanentFailure) || error.details.status !== 404) throw error;
      deps.logger.warn({ alarmId: alarm.id }, 'the alarm card is gone; escalating in the channel');
    }
  }
  return deps.messenger.postToChannel('halteam', { ...message, urgent: true });
}

import type { Button } from '../../../bot/alarms/button-model';
import { sleep } from './bot-process';
import type { ConnectorCall } from './fault-connector';
import { faultSettings } from './bot-process';
import { halteamChannel, receptionChannel, type FaultWorld } from './fault-world';

/** The settings the fault tests run with, in milliseconds. */
export const timing = {
  deliveryLeaseMs: Number(faultSettings.ALARM_DELIVERY_LEASE_SECONDS) * 1000,
  sweepMs: Number(faultSettings.ALARM_SWEEP_MS),
  schedulerLeaseMs: Number(faultSettings.SCHEDULER_LEASE_SECONDS) * 1000,
  pollMs: Number(faultSettings.SCHEDULER_POLL_MS),
  firstEscalationMs: Number(faultSettings.ALARM_FIRST_ESCALATION_SECONDS) * 1000,
  secondEscalationMs: Number(faultSettings.ALARM_SECOND_ESCALATION_SECONDS) * 1000,
};

/**
 * How long to keep watching after everything expected has arrived, so that a duplicate has its chance
 * to show: a takeover happens at the latest one lease plus one sweep after the work was left.
 */
export const settleMs = Math.max(timing.deliveryLeaseMs, timing.schedulerLeaseMs) + timing.sweepMs + 1_000;

/** An alarm as the tests follow it: its id and its button's (unique) location, which escalations name. */
export interface AlarmRef {
  alarmId: string;
  location: string;
}

export function alarmRef(button: Button, alarmId: string | undefined): AlarmRef {
  if (!alarmId) throw new Error(`the press of ${button.id} returned no alarm id`);
  return { alarmId, location: button.location };
}

/** What reached Teams for one alarm. */
export interface AlarmStory {
  cards: ConnectorCall[];
  level1: ConnectorCall[];
  level2: ConnectorCall[];
}

export function storyOf(world: FaultWorld, ref: AlarmRef): AlarmStory {
  return {
    cards: world.cards(ref.alarmId),
    level1: world.escalations(1, ref.location),
    level2: world.escalations(2, ref.location),
  };
}

/** Waits until every alarm has its card and (at least one message of) each escalation level asked for. */
export async function waitForStories(
  world: FaultWorld,
  refs: AlarmRef[],
  options: { levels: (1 | 2)[]; timeoutMs: number; what?: string },
): Promise<void> {
  const complete = (ref: AlarmRef) => {
    const story = storyOf(world, ref);
    return (
      story.cards.length > 0 &&
      (!options.levels.includes(1) || story.level1.length > 0) &&
      (!options.levels.includes(2) || story.level2.length > 0)
    );
  };
  await world.until(
    `${options.what ?? 'every alarm'}: card${options.levels.map((level) => ` and level ${level}`).join('')} ` +
      `(complete: ${refs.filter(complete).length} of ${refs.length})`,
    () => refs.every(complete),
    options.timeoutMs,
  );
}

export interface StoryOptions {
  /** Level 2 only after level 1 (default). */
  levelOrder?: boolean;
}

/**
 * What is wrong with the story of an alarm nobody answered, in words (empty when it is right): exactly
 * one card in the Halteam channel; level 1 exactly once, in the card's thread (so never before a card
 * exists); level 2 exactly once, to reception, after level 1.
 */
export function storyProblems(
  world: FaultWorld,
  ref: AlarmRef,
  levels: (1 | 2)[] = [1, 2],
  options: StoryOptions = {},
): string[] {
  const story = storyOf(world, ref);
  const problems: string[] = [];
  const say = (text: string) => problems.push(`alarm ${ref.alarmId} (${ref.location}): ${text}`);
  if (story.cards.length !== 1) say(`${story.cards.length} cards instead of 1`);
  const card = story.cards[0];
  if (card && card.conversationId !== halteamChannel) say(`card posted to ${card.conversationId}`);
  const first = story.level1[0];
  if (levels.includes(1)) {
    if (story.level1.length !== 1) say(`level 1 sent ${story.level1.length} times instead of once`);
    const thread = card && `${halteamChannel};messageid=${card.newActivityId}`;
    for (const call of story.level1) {
      if (call.conversationId !== thread) say(`level 1 went to ${call.conversationId}, not to the card's thread`);
      if (card && call.arrivedAt < (card.answeredAt ?? card.arrivedAt)) say('level 1 arrived before the card');
    }
  }
  if (levels.includes(2)) {
    if (story.level2.length !== 1) say(`level 2 sent ${story.level2.length} times instead of once`);
    for (const call of story.level2) {
      if (call.conversationId !== receptionChannel) say(`level 2 went to ${call.conversationId}, not to reception`);
      if (options.levelOrder !== false && first && call.arrivedAt < first.arrivedAt)
        say(`level 2 arrived ${first.arrivedAt - call.arrivedAt} ms before level 1`);
    }
  }
  return problems;
}

/** Asserts the stories of all these alarms at once, so that a failure lists every problem. */
export function expectStories(
  world: FaultWorld,
  refs: AlarmRef[],
  levels: (1 | 2)[] = [1, 2],
  options: StoryOptions = {},
): void {
  expect(refs.flatMap((ref) => storyProblems(world, ref, levels, options))).toEqual([]);
}

export { within } from '../../support/waiting';
export { sleep };

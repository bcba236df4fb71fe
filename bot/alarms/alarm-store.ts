import type { Alarm, OpenAlarm, PersonAlarmKind, PostedCard, RaisedBy } from './alarm-model';
import type { Button, ButtonStatus } from './button-model';

export type PressResult =
  | { kind: 'created'; alarm: OpenAlarm }
  | { kind: 'joined'; alarm: OpenAlarm }
  | { kind: 'duplicate'; alarmId: string }
  /** The button pressed more than its limit per minute on its open alarm (counted across instances). */
  | { kind: 'flooding'; retryAfterMs: number };

export interface PressInput {
  buttonId: string;
  webhookId: string;
  exercise: boolean;
  pressedAt: Date;
  receivedAt: Date;
  /** Id for the alarm if this press opens a new one. */
  newAlarmId: string;
  /** Lease on the new alarm's outbox work (card, escalation jobs): this instance does it right away. */
  deliveryLeaseUntil: Date;
  /** The instance that holds that lease (it renews it while it works). */
  owner?: string;
  /** Presses a button may add to its open alarm within a minute; more are refused. */
  pressesPerMinute?: number;
}

/** An alarm a person raises (no button): it opens or joins the one open alarm of that person. */
export interface PersonAlarmInput {
  /** The person's alarm slot: a partition of its own, like a button's. */
  slotId: string;
  /** The same for every delivery of one request (a job, a click): a second one is a duplicate. */
  requestId: string;
  kind: PersonAlarmKind;
  location: string;
  raisedBy: RaisedBy;
  receivedAt: Date;
  newAlarmId: string;
  deliveryLeaseUntil: Date;
  owner?: string;
}

/** Work of an alarm still to do: the alarm row is the outbox, and any live instance may take it over. */
export interface OutboxEntry {
  alarm: Alarm;
  cardPending: boolean;
  escalationsPending: boolean;
  /** Failed attempts so far, for the back-off of the next. */
  attempts: number;
}

/** Where buttons and alarms live (Table Storage in production, Azurite locally). */
export interface AlarmStore {
  getButton(id: string, options?: { fresh?: boolean }): Promise<Button | undefined>;
  /** Reads every button once (at start), so that a press needs no read before its write. */
  warmButtons(): Promise<number>;
  /** Changes whenever a button is added or changed (one small read): when it does, read the registry again. */
  registryVersion(): Promise<string>;
  createButton(button: Button): Promise<'created' | 'exists'>;
  replaceButton(button: Button): Promise<void>;
  listButtons(): Promise<(Button & ButtonStatus)[]>;
  /**
   * One atomic write: the webhook id is remembered (a second delivery is a duplicate), and the press
   * opens a new alarm or joins the open one of this button; the button's last press or test is set.
   */
  recordPress(input: PressInput): Promise<PressResult>;
  /** As recordPress, for a person's alarm: one atomic write dedupes the request and opens or joins. */
  recordPersonAlarm(input: PersonAlarmInput): Promise<PressResult>;
  recordHeartbeat(buttonId: string, at: Date): Promise<void>;
  getAlarm(buttonId: string, alarmId: string): Promise<Alarm | undefined>;
  /**
   * Applies `change` to the stored alarm with optimistic concurrency, retrying on conflicts.
   * Returning undefined from `change` leaves the alarm as it is.
   */
  updateAlarm(
    buttonId: string,
    alarmId: string,
    change: (alarm: Alarm) => Alarm | undefined,
  ): Promise<Alarm | undefined>;
  /** Frees the button for a new alarm once this one is closed. */
  releaseButton(buttonId: string, alarmId: string): Promise<void>;
  /**
   * Stores where the card landed, in one write without reading first (no conflict with presses or
   * responders changing the alarm at the same moment): the shortest window between post and record.
   */
  keepCardPlace(buttonId: string, alarmId: string, card: PostedCard): Promise<void>;
  /** The escalation jobs of this alarm are stored; the outbox no longer lists it for them. */
  markEscalationsStored(buttonId: string, alarmId: string): Promise<void>;
  /** Alarms with outbox work left (card or escalation jobs) whose lease has run out. */
  outboxDue(now: Date): Promise<OutboxEntry[]>;
  /**
   * Takes the outbox lease of an alarm whose lease ran out, and returns what is left to do as it is
   * now; undefined when nothing is left or another instance holds the lease.
   */
  claimOutbox(
    buttonId: string,
    alarmId: string,
    owner: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<OutboxEntry | undefined>;
  /** Extends this owner's lease while it works; false when the lease was lost to another instance. */
  renewOutbox(buttonId: string, alarmId: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /** A failed attempt: the lease ends at `retryAt`, after which any instance tries again. */
  releaseOutbox(buttonId: string, alarmId: string, retryAt: Date): Promise<void>;
  openAlarms(): Promise<Alarm[]>;
  /** Open alarms stored before escalations were part of the outbox (their jobs may be missing). */
  openAlarmsOutsideOutbox(): Promise<Alarm[]>;
  alarmsSince(since: Date): Promise<Alarm[]>;
  /** One button's alarms received since `since` (one partition query), for the button's status. */
  recentAlarms(buttonId: string, since: Date): Promise<Alarm[]>;
}

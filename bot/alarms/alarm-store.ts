import type { Alarm, OpenAlarm } from './alarm-model';
import type { Button, ButtonStatus } from './button-model';

export type PressResult =
  { kind: 'created'; alarm: OpenAlarm } | { kind: 'joined'; alarm: OpenAlarm } | { kind: 'duplicate'; alarmId: string };

export interface PressInput {
  buttonId: string;
  webhookId: string;
  exercise: boolean;
  pressedAt: Date;
  receivedAt: Date;
  /** Id for the alarm if this press opens a new one. */
  newAlarmId: string;
  /** Lease for delivering the card of a new alarm (this instance posts it right away). */
  deliveryLeaseUntil: Date;
}

/** Where buttons and alarms live (Table Storage in production, Azurite locally). */
export interface AlarmStore {
  getButton(id: string, options?: { fresh?: boolean }): Promise<Button | undefined>;
  /** Reads every button once (at start), so that a press needs no read before its write. */
  warmButtons(): Promise<number>;
  createButton(button: Button): Promise<'created' | 'exists'>;
  replaceButton(button: Button): Promise<void>;
  listButtons(): Promise<(Button & ButtonStatus)[]>;
  /**
   * One atomic write: the webhook id is remembered (a second delivery is a duplicate), and the press
   * opens a new alarm or joins the open one of this button; the button's last press or test is set.
   */
  recordPress(input: PressInput): Promise<PressResult>;
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
  /** Claims delivery of a card whose lease ran out (crash, failure); false when another instance has it. */
  claimDelivery(buttonId: string, alarmId: string, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Gives up this instance's claim on a delivery that failed, so a retry (here or elsewhere) may take it. */
  releaseDelivery(buttonId: string, alarmId: string): Promise<void>;
  /** Alarms whose card is not posted yet and whose delivery lease has run out. */
  undelivered(now: Date): Promise<Alarm[]>;
  openAlarms(): Promise<Alarm[]>;
  alarmsSince(since: Date): Promise<Alarm[]>;
}

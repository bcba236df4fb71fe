import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { AlarmStore, PressResult } from './alarm-store';

export type ButtonEventType = 'press' | 'test' | 'heartbeat';

export type ReceiveResult = PressResult | { kind: 'heartbeat' };

/** Alarm ids sort by time and read well in logs: `20261124-140327-7f3a9c`. */
export function newAlarmId(at: Date): string {
  const utc = at.toISOString(); // 2026-11-24T14:03:27.123Z
  const stamp = `${utc.slice(0, 4)}${utc.slice(5, 7)}${utc.slice(8, 10)}-${utc.slice(11, 13)}${utc.slice(14, 16)}${utc.slice(17, 19)}`;
  // randomUUID draws from a cached entropy pool; randomBytes(3) asked the system for every press.
  return `${stamp}-${randomUUID().slice(0, 6)}`;
}

/**
 * A press or test is stored before anything else happens (the caller answers 202 only after this):
 * one atomic write dedupes the webhook id and opens or joins the button's alarm.
 */
export async function receiveButtonEvent(
  input: { buttonId: string; webhookId: string; type: ButtonEventType; pressedAt: Date },
  deps: { store: AlarmStore; clock: Clock; deliveryLeaseMs: number; owner: string; pressesPerMinute: number },
): Promise<ReceiveResult> {
  const now = deps.clock.now();
  if (input.type === 'heartbeat') {
    await deps.store.recordHeartbeat(input.buttonId, now);
    return { kind: 'heartbeat' };
  }
  return deps.store.recordPress({
    buttonId: input.buttonId,
    webhookId: input.webhookId,
    exercise: input.type === 'test',
    pressedAt: input.pressedAt,
    receivedAt: now,
    newAlarmId: newAlarmId(now),
    deliveryLeaseUntil: new Date(now.getTime() + deps.deliveryLeaseMs),
    owner: deps.owner,
    pressesPerMinute: deps.pressesPerMinute,
  });
}

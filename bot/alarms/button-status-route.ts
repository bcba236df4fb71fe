import type restify from 'restify';
import type { Alarm } from './alarm-model';
import type { AlarmStore } from './alarm-store';
import type { Button } from './button-model';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';

export type ButtonAlarmState = 'none' | 'open' | 'coming' | 'closed';

export interface ButtonStatusAnswer {
  alarm: ButtonAlarmState;
  /** Halteam members who clicked "Ik kom eraan" on the alarm. */
  coming: number;
}

/** A closed alarm is reported as `closed` this long (a light can show "afgehandeld"), then `none`. */
export const closedShownMs = 15 * 60_000;
/** How far back the status looks for the button's alarms. */
const lookBackMs = 24 * 60 * 60_000;

/**
 * What the button's latest alarm is at now: an open one (`open` while nobody is coming, `coming` once
 * someone is), one closed within `closedShownMs` (`closed`), or `none`. An open alarm counts before a
 * closed one; a drill (OEFENING) counts like an alarm, so a test press lights the button as well.
 */
export function buttonStatus(alarms: readonly Alarm[], now: Date): ButtonStatusAnswer {
  const latestFirst = [...alarms].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const open = latestFirst.find((alarm) => alarm.status === 'open');
  if (open) return { alarm: open.responders.length > 0 ? 'coming' : 'open', coming: open.responders.length };
  const closed = latestFirst.find(
    (alarm) => alarm.status === 'closed' && now.getTime() - Date.parse(alarm.closed.at) < closedShownMs,
  );
  return closed ? { alarm: 'closed', coming: closed.responders.length } : { alarm: 'none', coming: 0 };
}

/**
 * `GET /api/buttons/{buttonId}/status`, after the webhook route has authenticated the request exactly
 * as a press (signature over an empty body, or the token): 200 with the status, 503 with Retry-After
 * when storage does not answer.
 */
export async function answerStatus(
  button: Button,
  res: restify.Response,
  deps: { store: Pick<AlarmStore, 'recentAlarms'>; clock: Clock; logger: Logger },
): Promise<void> {
  const now = deps.clock.now();
  try {
    const alarms = await deps.store.recentAlarms(button.id, new Date(now.getTime() - lookBackMs));
    res.header('Cache-Control', 'no-store');
    res.send(200, buttonStatus(alarms, now));
  } catch (error) {
    deps.logger.error({ err: error, buttonId: button.id }, 'button status not read: storage unavailable');
    res.header('Retry-After', '5');
    res.send(503, { error: 'storage unavailable' });
  }
}

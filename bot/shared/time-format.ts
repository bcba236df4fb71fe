import { DateTime } from 'luxon';

export const zone = 'Europe/Amsterdam';

/** "14:03:27" in Dutch local time. */
export function timeOfDay(iso: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('HH:mm:ss');
}

/** "di 24 nov 14:03" in Dutch local time. */
export function dayAndTime(iso: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale('nl').toFormat('ccc d LLL HH:mm');
}

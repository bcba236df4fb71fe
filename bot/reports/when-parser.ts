import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';

export type WhenResult = { ok: true; at: Date } | { ok: false; problem: 'unknown' | 'future' | 'too-old' | 'no-time' };

/** A report is about the past: at most a little clock skew ahead, and at most a year back. */
const skewMs = 2 * 60_000;

const months: Record<string, number> = {
  jan: 1,
  januari: 1,
  feb: 2,
  februari: 2,
  mrt: 3,
  maa: 3,
  maart: 3,
  apr: 4,
  april: 4,
  mei: 5,
  jun: 6,
  juni: 6,
  jul: 7,
  juli: 7,
  aug: 8,
  augustus: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const weekdays: Record<string, number> = {
  maandag: 1,
  ma: 1,
  dinsdag: 2,
  di: 2,
  woensdag: 3,
  wo: 3,
  donderdag: 4,
  do: 4,
  vrijdag: 5,
  vr: 5,
  zaterdag: 6,
  za: 6,
  zondag: 7,
  zo: 7,
};

const nowWords = ['nu', 'net', 'zojuist', 'zonet', 'daarnet', 'net nu', 'zo net', 'daarstraks', 'zo juist'];

/** Checks a moment against the rules: not in the future, not more than a year ago. */
export function checkMoment(at: DateTime, now: Date): WhenResult {
  if (!at.isValid) return { ok: false, problem: 'unknown' };
  const ms = at.toMillis();
  if (ms > now.getTime() + skewMs) return { ok: false, problem: 'future' };
  if (ms < DateTime.fromJSDate(now, { zone }).minus({ years: 1 }).toMillis()) return { ok: false, problem: 'too-old' };
  return { ok: true, at: new Date(Math.min(ms, now.getTime())) };
}

/**
 * Reads when something happened from Dutch text, in Europe/Amsterdam time: "nu", "14:30", "14.30",
 * "14 uur", "gisteren 16:00", "eergisteren 9u15", "maandag 10:00", "3-3 10:15", "3/3/2026 10:15",
 * "3 maart 10:15", "2026-03-03 10:15". A date without a year more than a month ahead is last year's.
 */
export function parseWhen(raw: string, now: Date): WhenResult {
  const text = raw
    .toLowerCase()
    .replace(/\b(om|rond|ongeveer|omstreeks|rond de klok van|het was|was)\b/g, ' ')
    .replace(/[,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  if (nowWords.includes(text)) return { ok: true, at: now };

  // The time: 14:30, 14.30, 14u30, 14u, 14 uur, 9:05. A trailing time after a date, or the whole text.
  const timePattern = /(?:^|\s)(\d{1,2})(?:[:.u](\d{2})|\s*u(?:ur)?)(?=\s|$)/;
  const timeMatch = timePattern.exec(` ${text}`);
  let rest = text;
  let time: { hour: number; minute: number } | undefined;
  if (timeMatch) {
    const hour = Number(timeMatch[1]);
    const minute = Number(timeMatch[2] ?? '0');
    if (hour > 23 || minute > 59) return { ok: false, problem: 'unknown' };
    time = { hour, minute };
    rest = ` ${text}`.replace(timeMatch[0], ' ').replace(/\s+/g, ' ').trim();
  }

  let day: DateTime | undefined;
  let dayKind: 'relative' | 'weekday' | 'date-without-year' | 'date' = 'relative';
  const weekdayWord = rest.replace(/^(afgelopen|vorige)\s+/, '');
  if (rest === '' || rest === 'vandaag' || rest === 'vanochtend' || rest === 'vanmiddag' || rest === 'vanavond') {
    day = today;
  } else if (rest === 'gisteren' || rest === 'gisterochtend' || rest === 'gistermiddag' || rest === 'gisteravond') {
    day = today.minus({ days: 1 });
  } else if (rest === 'eergisteren') {
    day = today.minus({ days: 2 });
  } else if (weekdayWord in weekdays) {
    const weekday = weekdays[weekdayWord] as number;
    day = today.minus({ days: (today.weekday - weekday + 7) % 7 });
    dayKind = 'weekday';
  } else {
    const numeric = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?$/.exec(rest);
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(rest);
    const written = /^(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?$/.exec(rest);
    let parts: { year?: number; month: number; day: number } | undefined;
    if (iso) parts = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
    else if (numeric) {
      const year = numeric[3] ? Number(numeric[3].length === 2 ? `20${numeric[3]}` : numeric[3]) : undefined;
      parts = { year, month: Number(numeric[2]), day: Number(numeric[1]) };
    } else if (written && written[2] && written[2] in months) {
      parts = {
        year: written[3] ? Number(written[3]) : undefined,
        month: months[written[2]] as number,
        day: Number(written[1]),
      };
    }
    if (!parts) return { ok: false, problem: 'unknown' };
    dayKind = parts.year === undefined ? 'date-without-year' : 'date';
    day = DateTime.fromObject({ year: parts.year ?? today.year, month: parts.month, day: parts.day }, { zone });
    if (!day.isValid) return { ok: false, problem: 'unknown' };
  }

  // "vandaag" or a date alone: the time is needed (only "nu" and its friends stand on their own).
  if (!time) return { ok: false, problem: rest === '' ? 'unknown' : 'no-time' };
  let at = day.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  const ahead = at.toMillis() > now.getTime() + skewMs;
  if (ahead && dayKind === 'weekday') at = at.minus({ weeks: 1 });
  // A date without a year just ahead is a slip (tomorrow's date); one far ahead is last year's.
  if (ahead && dayKind === 'date-without-year' && at.diff(DateTime.fromJSDate(now, { zone }), 'days').days > 31) {
    at = at.minus({ years: 1 });
  }
  return checkMoment(at, now);
}

/** The card's date and time inputs ("2026-03-03", "14:30"). */
export function parseDateAndTime(date: string, time: string, now: Date): WhenResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time))
    return { ok: false, problem: 'unknown' };
  return checkMoment(DateTime.fromISO(`${date}T${time}`, { zone }), now);
}

import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';
import type { WorkingHours } from '../shared/working-days';

/**
 * Reads when something happened from Dutch text, in Europe/Amsterdam time. Pure: text and "now" in,
 * a moment (or why not) out. Microsoft's recognizers (already installed with botbuilder) have no
 * Dutch date-time model, so this is a small table-driven reader of what people type:
 *
 * - now: "nu", "zojuist", "net";
 * - ago: "een uur geleden", "twee uur geleden", "anderhalf uur geleden", "10 minuten geleden", "een kwartier geleden";
 * - the day: "vandaag", "gisteren", "eergisteren", "maandag", "afgelopen maandag", "vorige week dinsdag",
 *   "3-3", "3/3/2026", "3 maart", "2026-03-03";
 * - the part of the day: "vanmorgen", "vanochtend", "vanmiddag", "vanavond", "vannacht", "gisteravond",
 *   "maandagochtend", "'s middags", "in de avond";
 * - the time: "14:30", "14.30", "9u15", "14 uur", "2 uur", "drie uur", "om 2", "half drie" (2:30),
 *   "kwart over drie", "kwart voor vier", "tien over half drie".
 *
 * An hour said without the part of the day ("gisteren rond 2 uur") can be 02:00 or 14:00: the reading
 * inside working hours is preferred, and the result says it needs confirming (`confirm`), with the
 * other reading. A day without a time is never given a time: the answer is `no-time` with the day.
 */
export type WhenResult =
  | {
      ok: true;
      at: Date;
      /** The time was read one of two ways (02:00 or 14:00): ask the person whether it is right. */
      confirm?: true;
      /** The other reading, when it is a possible moment too. */
      other?: Date;
    }
  | { ok: false; problem: 'unknown' | 'future' | 'too-old' }
  /** A day without a time: the day that was read (yyyy-MM-dd), and its part when one was named. */
  | { ok: false; problem: 'no-time'; day: string; part?: DayPart };

export type DayPart = 'nacht' | 'ochtend' | 'middag' | 'avond';

export interface WhenOptions {
  /** WORKING_HOURS: an hour without the part of the day is read inside them when it can be. */
  hours?: WorkingHours;
  /** The day already given ("gisteren", then asked "hoe laat?"): a time alone falls on it. */
  day?: { date: string; part?: DayPart };
}

/** A report is about the past: at most a little clock skew ahead, and at most a year back. */
const skewMs = 2 * 60_000;

const defaultHours: WorkingHours = { start: '08:00', end: '17:00' };

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

/** Numbers as words, for hours ("drie uur"), minutes ("tien over drie") and amounts ("twee uur geleden"). */
const numberWords: Record<string, number> = {
  een: 1,
  twee: 2,
  drie: 3,
  vier: 4,
  vijf: 5,
  zes: 6,
  zeven: 7,
  acht: 8,
  negen: 9,
  tien: 10,
  elf: 11,
  twaalf: 12,
  dertien: 13,
  veertien: 14,
  twintig: 20,
  dertig: 30,
  veertig: 40,
  vijftig: 50,
};

/** The hours of each part of the day, [from, to) in minutes after midnight; the night starts late in the evening. */
const partRanges: Record<DayPart, [number, number][]> = {
  nacht: [
    [0, 6 * 60],
    [22 * 60, 24 * 60],
  ],
  ochtend: [[5 * 60, 12 * 60]],
  middag: [[12 * 60, 18 * 60]],
  avond: [[18 * 60, 24 * 60]],
};

/** Words for the parts of the day, after a day word ("maandagochtend", "gisteren middag") or alone. */
const partWords: Record<string, DayPart> = {
  nacht: 'nacht',
  ochtend: 'ochtend',
  morgen: 'ochtend',
  middag: 'middag',
  avond: 'avond',
};

const number = `\\d{1,2}|${Object.keys(numberWords).join('|')}`;

function toNumber(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : (numberWords[text] ?? Number.NaN);
}

interface TimeRead {
  hour: number;
  minute: number;
  /** "14:30", "2:30": a clock, read as written when that is inside working hours; else said ("2 uur", "half drie"). */
  clock: boolean;
  /**
   * Before or after noon is open: an hour from 1 to 12 without a leading zero ("2 uur", "2:30"), or a
   * time said on the 12-hour clock ("half een", "kwart voor een"). "09:15", "14:30" and "0 uur" are not.
   */
  twoWays: boolean;
}

/** An hour typed in digits or words: two ways unless 0, 13 to 23, or written with a leading zero ("02"). */
const hourTwoWays = (text: string, hour: number) => !/^0\d/.test(text) && hour >= 1 && hour <= 12;

/**
 * Finds the time in the text: the first of these patterns that matches, most specific first. Each
 * returns the time and the text without it.
 */
const timePatterns: { pattern: RegExp; read: (match: RegExpMatchArray) => TimeRead | undefined }[] = [
  {
    // 14:30, 14.30, 9u15, 09:15 (uur)
    pattern: /(?<=^|\s)(\d{1,2})[:.u](\d{2})(?:\s*uur)?(?=\s|$)/,
    read: (m) => ({
      hour: Number(m[1]),
      minute: Number(m[2]),
      clock: true,
      twoWays: hourTwoWays(m[1] ?? '', Number(m[1])),
    }),
  },
  {
    // kwart over drie, tien voor half vier, vijf over half 3
    pattern: new RegExp(`(?<=^|\\s)(kwart|${number})\\s+(over|voor)\\s+(half\\s+)?(${number})(?:\\s*uur)?(?=\\s|$)`),
    read: (m) => {
      const minutes = m[1] === 'kwart' ? 15 : toNumber(m[1] ?? '');
      const base = toNumber(m[4] ?? '');
      if (!(minutes > 0 && minutes < 30) || !(base >= 1 && base <= 12)) return undefined;
      const at = (base - (m[3] ? 1 : 0)) * 60 + (m[3] ? 30 : 0) + (m[2] === 'over' ? minutes : -minutes);
      return { hour: Math.floor(at / 60) % 24, minute: at % 60, clock: false, twoWays: true };
    },
  },
  {
    // half drie = 2:30
    pattern: new RegExp(`(?<=^|\\s)half\\s+(${number})(?:\\s*uur)?(?=\\s|$)`),
    read: (m) => {
      const base = toNumber(m[1] ?? '');
      if (!(base >= 1 && base <= 12)) return undefined;
      return { hour: base - 1, minute: 30, clock: false, twoWays: true };
    },
  },
  {
    // 14 uur, 2 uur, drie uur, 14u
    pattern: new RegExp(`(?<=^|\\s)(${number})\\s*(?:uur|u)(?=\\s|$)`),
    read: (m) => ({
      hour: toNumber(m[1] ?? ''),
      minute: 0,
      clock: false,
      twoWays: hourTwoWays(m[1] ?? '', toNumber(m[1] ?? '')),
    }),
  },
  {
    // "om 2", "rond drie", "tegen 4": a bare number after a word that goes with a time
    pattern: new RegExp(`(?<=^|\\s)(?:om|rond|omstreeks|tegen|ongeveer|circa|ca)\\s+(${number})(?=\\s|$)`),
    read: (m) => ({
      hour: toNumber(m[1] ?? ''),
      minute: 0,
      clock: false,
      twoWays: hourTwoWays(m[1] ?? '', toNumber(m[1] ?? '')),
    }),
  },
];

/** "een uur geleden", "2 uur geleden", "anderhalf uur geleden", "10 minuten geleden", "een kwartier geleden" */
function readAgo(text: string): number | undefined {
  const match = new RegExp(
    `^(?:(anderhalf|een half|half|${number}|\\d+(?:[.,]\\d+)?)\\s*)?(uur|uren|minuut|minuten|min|kwartier)\\s+geleden$`,
  ).exec(text);
  if (!match) return undefined;
  const [, amountText, unit] = match;
  let amount: number;
  if (amountText === undefined) amount = 1;
  else if (amountText === 'anderhalf') amount = 1.5;
  else if (amountText === 'half' || amountText === 'een half') amount = 0.5;
  else amount = /^\d/.test(amountText) ? Number(amountText.replace(',', '.')) : toNumber(amountText);
  if (!Number.isFinite(amount) || amount <= 0) return undefined;
  const minutes = unit === 'uur' || unit === 'uren' ? amount * 60 : unit === 'kwartier' ? amount * 15 : amount;
  return Math.round(minutes * 60_000);
}

function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** How far a time of day lies from working hours, in minutes (0 inside them). */
function distanceFromHours(minute: number, hours: WorkingHours): number {
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  if (minute < start) return start - minute;
  if (minute >= end) return minute - end + 1;
  return 0;
}

const inPart = (minute: number, part: DayPart) => partRanges[part].some(([from, to]) => minute >= from && minute < to);

/**
 * The readings of a time, best first, and whether the choice needs confirming. A 24-hour time
 * ("14:30", "09:15", "0 uur") has one reading. A said hour ("2 uur", "half drie") or a clock time
 * with an hour up to 12 ("2:30") can be before or after noon: the part of the day decides when named;
 * else the reading inside working hours is preferred. A clock time as written inside working hours
 * ("9:30") is taken as written.
 */
function readings(
  time: TimeRead,
  part: DayPart | undefined,
  hours: WorkingHours,
): { minutes: number[]; confirm: boolean } {
  const written = time.hour * 60 + time.minute;
  if (!time.twoWays) {
    return { minutes: [written], confirm: part !== undefined && !inPart(written, part) };
  }
  const morning = (time.hour % 12) * 60 + time.minute;
  const candidates = [morning, morning + 12 * 60];
  if (part) {
    const fitting = candidates.filter((minute) => inPart(minute, part));
    if (fitting.length === 1) return { minutes: fitting, confirm: false };
  }
  if (time.clock && distanceFromHours(written, hours) === 0 && !part) {
    return { minutes: [written], confirm: false };
  }
  const sorted = [...candidates].sort((a, b) => distanceFromHours(a, hours) - distanceFromHours(b, hours));
  return { minutes: sorted, confirm: true };
}

type DayKind = 'relative' | 'weekday' | 'fixed-weekday' | 'date-without-year' | 'date';

interface DayRead {
  day: DateTime;
  kind: DayKind;
  part?: DayPart;
  /** "vannacht": an evening hour belongs to the day before. */
  lastNight?: boolean;
}

/** The most recent `weekday` on or before `today` (`strictly`: before today). */
function lastWeekday(today: DateTime, weekday: number, strictly: boolean): DateTime {
  const back = (today.weekday - weekday + 7) % 7;
  return today.minus({ days: back === 0 && strictly ? 7 : back });
}

/** Reads the day (and part of the day) from what is left once the time is taken out. */
function readDay(rest: string, today: DateTime, given: WhenOptions['day']): DayRead | undefined {
  let text = rest;
  let part: DayPart | undefined;
  // "'s middags", "in de avond", "middag" as a word of its own ("gisteren middag", "maandag ochtend").
  const partMatch = /(?:^|\s)(?:in de\s+)?(nacht|ochtend|morgen|middag|avond)(?=\s|$)/.exec(text);
  if (partMatch && !(partMatch[1] === 'morgen' && text.trim() === 'morgen')) {
    part = partWords[partMatch[1] ?? ''];
    text = text.replace(partMatch[0], ' ').replace(/\s+/g, ' ').trim();
  }
  // Glued to the day: vanmiddag, gisteravond, maandagochtend, eergisterenavond, vorige week dinsdagmiddag.
  const glued =
    /(?:^|\s)(van|gisteren|gister|eergisteren|eergister|[a-z]+dag)(nacht|ochtend|morgen|middag|avond)$/.exec(text);
  if (glued && !part) {
    part = partWords[glued[2] ?? ''];
    if (glued[1] === 'van' && glued[2] === 'nacht' && glued.index === 0) {
      return { day: today, kind: 'relative', part, lastNight: true };
    }
    text = `${text.slice(0, glued.index)} ${glued[1] === 'van' ? 'vandaag' : glued[1]}`.trim();
  }

  if (text === '' && given) {
    return { day: DateTime.fromISO(given.date, { zone }), kind: 'date', part: part ?? given.part };
  }
  if (text === '' || text === 'vandaag') return { day: today, kind: 'relative', part };
  if (text === 'gisteren' || text === 'gister') return { day: today.minus({ days: 1 }), kind: 'relative', part };
  if (text === 'eergisteren' || text === 'eergister') return { day: today.minus({ days: 2 }), kind: 'relative', part };
  // Ahead: refused as the future, not as unknown.
  if (text === 'morgen' || text === 'overmorgen') {
    return { day: today.plus({ days: text === 'morgen' ? 1 : 2 }), kind: 'relative', part };
  }

  // "vorige week dinsdag", "dinsdag vorige week": the Tuesday of last calendar week.
  const lastWeek = /^(?:vorige|afgelopen) week ([a-z]+)$|^([a-z]+) (?:vorige|afgelopen) week$/.exec(text);
  const lastWeekDay = lastWeek ? (lastWeek[1] ?? lastWeek[2] ?? '') : undefined;
  if (lastWeekDay !== undefined && lastWeekDay in weekdays) {
    const monday = today.startOf('week').minus({ weeks: 1 });
    return { day: monday.plus({ days: (weekdays[lastWeekDay] as number) - 1 }), kind: 'fixed-weekday', part };
  }
  // "afgelopen maandag", "vorige maandag": the last one before today; "maandag": today's or the last.
  const previous = /^(afgelopen|vorige) ([a-z]+)$/.exec(text);
  const weekdayWord = previous ? (previous[2] ?? '') : text;
  if (weekdayWord in weekdays) {
    const day = lastWeekday(today, weekdays[weekdayWord] as number, previous !== null);
    return { day, kind: previous ? 'fixed-weekday' : 'weekday', part };
  }

  const numeric = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const written = /^(?:[a-z]+dag\s+)?(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?$/.exec(text);
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
  if (!parts) return undefined;
  const day = DateTime.fromObject({ year: parts.year ?? today.year, month: parts.month, day: parts.day }, { zone });
  if (!day.isValid) return undefined;
  return { day, kind: parts.year === undefined ? 'date-without-year' : 'date', part };
}

/** Checks a moment against the rules: not in the future, not more than a year ago. */
export function checkMoment(at: DateTime, now: Date): WhenResult {
  if (!at.isValid) return { ok: false, problem: 'unknown' };
  const ms = at.toMillis();
  if (ms > now.getTime() + skewMs) return { ok: false, problem: 'future' };
  if (ms < DateTime.fromJSDate(now, { zone }).minus({ years: 1 }).toMillis()) return { ok: false, problem: 'too-old' };
  return { ok: true, at: new Date(Math.min(ms, now.getTime())) };
}

function normalise(raw: string): string {
  return raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .replace(
      /(?:^|\s)'?s\s*(ochtends|morgens|middags|avonds|nachts)(?=\s|$)/g,
      (_all, word: string) => ` ${word.slice(0, -1)} `,
    )
    .replace(/[,;!?.]+(?=\s|$)/g, ' ')
    .replace(/(?<=^|\s)een uur of(?=\s)/g, 'om')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words around a time that change nothing ("het was ongeveer rond 2 uur"). */
const fillers =
  /(?<=^|\s)(?:het was|was|ongeveer|omstreeks|rond de klok van|rond|om|tegen|circa|ca|zo'n|een uur of)(?=\s|$)/g;

/** Reads the text; see the module comment. */
export function parseWhen(raw: string, now: Date, options: WhenOptions = {}): WhenResult {
  const hours = options.hours ?? defaultHours;
  const text = normalise(raw);
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const bare = text.replace(fillers, ' ').replace(/\s+/g, ' ').trim();
  if (nowWords.includes(bare)) return { ok: true, at: now };

  const ago = readAgo(bare.replace(/^(?:zo'n|ruim|bijna)\s+/, ''));
  if (ago !== undefined) return checkMoment(DateTime.fromMillis(now.getTime() - ago, { zone }), now);

  // The time, then the day from what is left.
  let time: TimeRead | undefined;
  let rest = text;
  for (const { pattern, read } of timePatterns) {
    const matches = [...text.matchAll(new RegExp(pattern.source, 'g'))];
    if (matches.length === 0) continue;
    // The last real time ("28.02 10:15": 28.02 is a date, not a time).
    const found = matches
      .map((match) => ({ match, read: read(match) }))
      .filter(({ read: candidate }) => candidate && candidate.hour <= 23 && candidate.minute <= 59)
      .at(-1);
    if (!found) return { ok: false, problem: 'unknown' };
    time = found.read;
    const at = found.match.index ?? 0;
    rest = `${text.slice(0, at)} ${text.slice(at + found.match[0].length)}`;
    break;
  }
  rest = rest.replace(fillers, ' ').replace(/\s+/g, ' ').trim();
  const dayRead = readDay(rest, today, options.day);
  if (!dayRead) return { ok: false, problem: 'unknown' };
  if (rest === '' && !time && !options.day) return { ok: false, problem: 'unknown' };

  if (!time) {
    // A day without a time: never invent one. A day (or part of it, "vanavond" at noon) ahead is refused as such.
    const partStart = dayRead.part ? (partRanges[dayRead.part][0]?.[0] ?? 0) : 0;
    if (dayRead.day.plus({ minutes: partStart }).toMillis() > now.getTime()) return { ok: false, problem: 'future' };
    return {
      ok: false,
      problem: 'no-time',
      day: dayRead.day.toISODate() as string,
      ...(dayRead.part ? { part: dayRead.part } : {}),
    };
  }

  const { minutes, confirm } = readings(time, dayRead.part, hours);
  const place = (minute: number): DateTime => {
    let day = dayRead.day;
    if (dayRead.lastNight && minute >= 18 * 60) day = day.minus({ days: 1 });
    let at = day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
    const ahead = at.toMillis() > now.getTime() + skewMs;
    // "maandag 15:00" on a Monday before three: last week's Monday.
    if (ahead && dayRead.kind === 'weekday') at = at.minus({ weeks: 1 });
    // A date without a year just ahead is a slip (tomorrow's date); one far ahead is last year's.
    if (
      ahead &&
      dayRead.kind === 'date-without-year' &&
      at.diff(DateTime.fromJSDate(now, { zone }), 'days').days > 31
    ) {
      at = at.minus({ years: 1 });
    }
    return at;
  };
  const results = minutes.map((minute) => checkMoment(place(minute), now));
  // The preferred reading when it is possible, else the other one ("vandaag 3 uur" at 10:00 is 03:00).
  const chosenIndex = results.findIndex((result) => result.ok);
  if (chosenIndex < 0) return results[0] as WhenResult;
  const chosen = results[chosenIndex] as Extract<WhenResult, { ok: true }>;
  const otherResult = results.find((result, index) => index !== chosenIndex && result.ok);
  const moved = chosenIndex > 0;
  if (!confirm && !moved) return chosen;
  return {
    ok: true,
    at: chosen.at,
    confirm: true,
    ...(otherResult && otherResult.ok ? { other: otherResult.at } : {}),
  };
}

/** The card's date and time inputs ("2026-03-03", "14:30"): a 24-hour clock, one reading. */
export function parseDateAndTime(date: string, time: string, now: Date): WhenResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time))
    return { ok: false, problem: 'unknown' };
  return checkMoment(DateTime.fromISO(`${date}T${time}`, { zone }), now);
}

const dutchWeekdays = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const dutchMonths = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** A day as people say it, seen from `now`: "vandaag", "gisteren", "eergisteren", "maandag 2 maart (2025)". */
export function dayInWords(date: string, now: Date): string {
  const day = DateTime.fromISO(date, { zone }).startOf('day');
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const back = Math.round(today.diff(day, 'days').days);
  if (back === 0) return 'vandaag';
  if (back === 1) return 'gisteren';
  if (back === 2) return 'eergisteren';
  const year = day.year === today.year ? '' : ` ${day.year}`;
  return `${dutchWeekdays[day.weekday - 1]} ${day.day} ${dutchMonths[day.month - 1]}${year}`;
}

/** A moment as people say it, seen from `now`: "gisteren 14:00", "maandag 2 maart 09:30". */
export function momentInWords(at: Date, now: Date): string {
  const local = DateTime.fromJSDate(at, { zone });
  return `${dayInWords(local.toISODate() as string, now)} ${local.toFormat('HH:mm')}`;
}

import { dutchDate } from '../../bot/overview/dutch-dates';

/** "1 dec 2026 14:05", or "1 dec 2026" for a date without a time: the bot's own wording, the same in every browser. */
export const when = (value?: string) => (value ? dutchDate(value) : '—');

/** Seconds as "45 s" or "2 min 05 s"; a dash when there is nothing to measure. */
export function duration(seconds?: number): string {
  if (seconds === undefined) return '—';
  const rounded = Math.round(seconds);
  if (rounded < 60) return `${rounded} s`;
  return `${Math.floor(rounded / 60)} min ${String(rounded % 60).padStart(2, '0')} s`;
}

export const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

export const policeText: Record<string, string> = { ja: 'Politie kwam', gebeld: 'Gebeld, niet gekomen', nee: 'Nee' };

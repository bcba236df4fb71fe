const dateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export const when = (iso?: string) => (iso ? dateTime.format(new Date(iso)) : '—');

/** Seconds as "45 s" or "2 min 05 s"; a dash when there is nothing to measure. */
export function duration(seconds?: number): string {
  if (seconds === undefined) return '—';
  const rounded = Math.round(seconds);
  if (rounded < 60) return `${rounded} s`;
  return `${Math.floor(rounded / 60)} min ${String(rounded % 60).padStart(2, '0')} s`;
}

export const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

export const policeText: Record<string, string> = { ja: 'Politie kwam', gebeld: 'Gebeld, niet gekomen', nee: 'Nee' };

import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';
import type { VisibleRow } from './overview-access';

const policeText = { ja: 'ja, ter plaatse', gebeld: 'gebeld, niet gekomen', nee: 'nee' } as const;
const yesNo = (value: boolean) => (value ? 'ja' : 'nee');

/**
 * The registration over a period as CSV for the yearly review (Hoofdstuk 7), with the fields the
 * national incident registration (GIR) asks for where the report has them: date and time, kind of
 * aggression, place or channel, injury, damage, weapon, police involvement, aangifte. Semicolons and a
 * byte order mark, so Dutch Excel opens it as columns. Names only where the viewer may see them.
 */
export function exportCsv(rows: readonly VisibleRow[]): string {
  const header = [
    'Incidentnummer',
    'Datum',
    'Tijd',
    'Vorm van agressie',
    'Plaats of kanaal',
    'Letsel',
    'Materiële schade',
    'Wapen',
    'Politie',
    'Aangifte vereist',
    'Aangifte gedaan',
    'Maatregel',
    'Herhaling',
    'Via alarm',
    'Leidinggevende',
    'Slachtoffer',
    'Agressor',
  ];
  const lines = rows.map((row) => {
    const at = DateTime.fromISO(row.occurredAt, { zone });
    return [
      row.number,
      at.toFormat('yyyy-MM-dd'),
      at.toFormat('HH:mm'),
      row.formLabels.join(', '),
      row.place,
      yesNo(row.injury),
      yesNo(row.damage),
      yesNo(row.weapons),
      policeText[row.police],
      yesNo(row.aangifteRequired),
      yesNo(row.aangifteDone),
      row.measureLabels.join(', '),
      yesNo(row.repeat),
      yesNo(row.fromAlarm),
      row.managerName,
      row.victimName ?? 'afgeschermd',
      row.aggressorShown ? (row.aggressor ?? 'onbekend') : 'afgeschermd',
    ];
  });
  return `\uFEFF${[header, ...lines].map((line) => line.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** Quotes every cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

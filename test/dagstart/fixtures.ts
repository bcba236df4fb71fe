import type { IncidentReport } from '../../bot/reports/report-model';

/**
 * A submitted report with everything the dagstart must not show: a known aggressor with a client
 * number, a description, witnesses and the manager.
 */
export function reportFixture(overrides: Partial<IncidentReport> = {}): IncidentReport {
  return {
    number: 'AGR-2026-0042',
    draftId: `draft-${Math.random().toString(36).slice(2)}`,
    submittedAt: '2026-11-24T09:15:00.000Z',
    reporter: { id: '29:fatima', aadObjectId: 'aad-fatima', name: 'Fatima Yilmaz' },
    subject: { kind: 'self' },
    occurredAt: '2026-11-24T08:50:00.000Z',
    place: { kind: 'location', name: 'Publieksbalie 1, gebouw Noord' },
    forms: ['verbaal-geweld', 'intimidatie'],
    description: 'De klant schreeuwde dat hij haar zou opwachten.',
    injury: false,
    damage: false,
    weapons: false,
    police: 'gebeld',
    aggressor: { kind: 'known', identification: 'Karel Klaassen, klantnummer 778899' },
    witnesses: { kind: 'named', names: 'Pieter Bakker' },
    manager: { id: '29:lotte', aadObjectId: 'aad-lotte', name: 'Lotte Jansen' },
    nameInDagstart: false,
    source: { kind: 'chat' },
    ...overrides,
  };
}

/** Everything on a message a person can read: texts, titles and values of the card, flattened. */
export function readable(node: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(node);
  return parts.join('\n');
}

/** What only the manager (and the report's readers) may see; none of it belongs on the dagstart. */
export const notForTheDagstart = ['Klaassen', '778899', 'opwachten', 'Pieter Bakker', 'Lotte Jansen'];

import type { IncidentReport } from '../../bot/reports/report-model';

type Required = Pick<IncidentReport, 'number' | 'submittedAt' | 'reporter' | 'occurredAt' | 'manager'>;

/** A submitted chat report about verbal aggression against the reporter, no police, no witnesses. */
export function chatReport(fields: Required & Partial<IncidentReport>): IncidentReport {
  return {
    draftId: `draft-${fields.number}`,
    subject: { kind: 'self' },
    place: { kind: 'location', name: 'Publieksbalie 1' },
    forms: ['verbaal-geweld'],
    description: 'De klant schreeuwde aan de balie.',
    injury: false,
    damage: false,
    weapons: false,
    police: 'nee',
    aggressor: { kind: 'unknown' },
    witnesses: { kind: 'none' },
    nameInDagstart: false,
    source: { kind: 'chat' },
    ...fields,
  };
}

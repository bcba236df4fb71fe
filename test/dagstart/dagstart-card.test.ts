import type { Alarm } from '../../bot/alarms/alarm-model';
import { dagstartCard, dagstartEntry } from '../../bot/dagstart/dagstart-card';
import { digestMessage } from '../../bot/dagstart/digest';
import { notForTheDagstart, readable, reportFixture } from './fixtures';

describe('the incident card in the dagstart channel', () => {
  it('shows number, time, place, forms, police and the measure, never the aggressor', () => {
    const text = readable(dagstartCard(dagstartEntry(reportFixture())));
    expect(text).toContain('Dagstart: incident AGR-2026-0042');
    expect(text).toContain('di 24 nov 09:50');
    expect(text).toContain('Publieksbalie 1, gebouw Noord');
    expect(text).toContain('Verbaal geweld, Intimidatie of bedreiging');
    expect(text).toContain('Gebeld, maar niet gekomen');
    expect(text).toContain('Nog niet besloten');
    for (const secret of notForTheDagstart) expect(text).not.toContain(secret);
  });

  it('leaves the victim unnamed unless they agreed', () => {
    expect(readable(dagstartCard(dagstartEntry(reportFixture())))).not.toContain('Fatima');
    const agreed = readable(dagstartCard(dagstartEntry(reportFixture({ nameInDagstart: true }))));
    expect(agreed).toContain('Fatima Yilmaz');
  });

  it('names the colleague the report is about, not the one who filled it in, when they agreed', () => {
    const report = reportFixture({
      nameInDagstart: true,
      subject: { kind: 'colleague', victim: { id: '29:jeroen', name: 'Jeroen de Boer' } },
    });
    const text = readable(dagstartCard(dagstartEntry(report)));
    expect(text).toContain('Jeroen de Boer');
    expect(text).not.toContain('Fatima');
  });

  it('shows a kind of place for incidents elsewhere, e.g. by phone', () => {
    expect(readable(dagstartCard(dagstartEntry(reportFixture({ place: { kind: 'telefoon' } }))))).toContain('Telefoon');
  });

  it('shows a measure once one is decided', () => {
    const entry = { ...dagstartEntry(reportFixture()), measure: 'Toegangsverbod tot en met 24 februari 2027' };
    const text = readable(dagstartCard(entry));
    expect(text).toContain('Toegangsverbod tot en met 24 februari 2027');
    expect(text).not.toContain('Nog niet besloten');
  });
});

function alarm(overrides: Partial<Alarm>): Alarm {
  return {
    id: 'a1',
    buttonId: 'balie-noord-1',
    kind: 'noodknop',
    location: 'Publieksbalie 1, gebouw Noord',
    exercise: false,
    pressedAt: '2026-11-23T13:03:00.000Z',
    receivedAt: '2026-11-23T13:03:00.000Z',
    presses: 1,
    responders: [],
    escalations: [],
    status: 'closed',
    closed: { outcome: 'vertrokken', by: { id: 'u0', name: 'Sanne de Vries' }, at: '2026-11-23T13:10:00.000Z' },
    ...overrides,
  } as Alarm;
}

describe('the morning digest', () => {
  const base = { date: '2026-11-24', incidents: [], bans: [], overdueAftercare: 0, alarms: [] };

  it('says in one line that there is nothing, with who is on duty', () => {
    const message = digestMessage({ ...base, onDuty: ['Sanne de Vries', 'Mohamed El Amrani'] });
    expect(message.card).toBeUndefined();
    expect(message.text).toBe(
      'Dagstart dinsdag 24 november: niets te melden. Halteam vandaag: Sanne de Vries, Mohamed El Amrani.',
    );
  });

  it('counts an exercise apart and still calls the morning quiet', () => {
    const message = digestMessage({ ...base, onDuty: [], alarms: [alarm({ exercise: true })] });
    expect(message.text).toBe(
      'Dagstart dinsdag 24 november: niets te melden (1 OEFENING). Halteam vandaag: niemand op dienst.',
    );
  });

  it('lists incidents, bans in force, overdue aftercare, alarms with exercises apart, and the Halteam', () => {
    const message = digestMessage({
      date: '2026-11-24',
      incidents: [
        dagstartEntry(reportFixture()),
        dagstartEntry(reportFixture({ number: 'AGR-2026-0043', nameInDagstart: true, place: { kind: 'telefoon' } })),
      ],
      bans: [{ description: 'Toegangsverbod gemeentehuis (AGR-2026-0031)', until: '2027-02-24' }],
      overdueAftercare: 2,
      onDuty: ['Sanne de Vries', 'Mohamed El Amrani'],
      alarms: [
        alarm({}),
        alarm({ id: 'a2', exercise: true, location: 'Spreekkamer NBG24', pressedAt: '2026-11-23T15:00:00.000Z' }),
      ],
    });
    const text = readable(message.card);
    expect(text).toContain('Dagstart dinsdag 24 november');
    expect(text).toContain('Incidenten sinds de vorige dagstart (2)');
    expect(text).toContain('AGR-2026-0042');
    expect(text).toContain('Publieksbalie 1, gebouw Noord · Verbaal geweld, Intimidatie of bedreiging');
    expect(text).toContain('maatregel: nog niet besloten');
    expect(text).toContain('AGR-2026-0043');
    expect(text).toContain('Telefoon');
    expect(text).toContain('Fatima Yilmaz'); // only the second one agreed
    expect(text.match(/Fatima Yilmaz/g)).toHaveLength(1);
    expect(text).toContain('tot en met 24 februari 2027');
    expect(text).toContain('Toegangsverbod gemeentehuis (AGR-2026-0031)');
    expect(text).toContain('Alarmen afgelopen dag (1)');
    expect(text).toContain('Publieksbalie 1, gebouw Noord: Agressor is vertrokken');
    expect(text).toContain('Apart, OEFENING: Spreekkamer NBG24 (ma 23 nov 16:00)');
    expect(text).toContain('2 gesprekken');
    expect(text).toContain('Sanne de Vries, Mohamed El Amrani');
    for (const secret of notForTheDagstart) expect(text).not.toContain(secret);
  });
});

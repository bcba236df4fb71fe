import type { AftercarePlan, PlannedTalk } from '../../bot/aftercare/aftercare-model';
import type { Alarm } from '../../bot/alarms/alarm-model';
import { createAftercareTable } from '../../bot/aftercare/aftercare-table';
import { createMeasureTable } from '../../bot/measures/measure-table';
import { createReportTable } from '../../bot/reports/report-table';
import type { IncidentReport, Person } from '../../bot/reports/report-model';
import { registerButton, storeOf } from '../support/buttons';
import { chatReport } from '../support/chat-report';
import type { TestApp } from '../support/test-app';

/** The playground's mock users (.m365agentsplayground.yml), so the development sign-in shows their names. */
export const sanne = { id: '29:sanne', aadObjectId: '6a1c3a52-1f4b-4a7e-9d8e-000000000a00', name: 'Sanne de Vries' };
export const mohamed = {
  id: '29:mohamed',
  aadObjectId: '6a1c3a52-1f4b-4a7e-9d8e-000000000a01',
  name: 'Mohamed El Amrani',
};
export const lotte = { id: '29:lotte', aadObjectId: '6a1c3a52-1f4b-4a7e-9d8e-000000000a02', name: 'Lotte Jansen' };
export const pieter = { id: '29:pieter', aadObjectId: '6a1c3a52-1f4b-4a7e-9d8e-000000000a03', name: 'Pieter Bakker' };
export const fatima = { id: '29:fatima', aadObjectId: '6a1c3a52-1f4b-4a7e-9d8e-000000000a04', name: 'Fatima Yilmaz' };
export const jeroen = { id: '29:jeroen', aadObjectId: '6a1c3a52-1f4b-4a7e-9d8e-000000000a05', name: 'Jeroen de Boer' };

/** Roles: Sanne coordinates, Mohamed is P&O, Pieter is the MO; Lotte and Jeroen are managers; Fatima has no role. */
export const overviewEnv = {
  OVERVIEW_COORDINATORS: sanne.aadObjectId,
  OVERVIEW_PO: mohamed.aadObjectId,
  OVERVIEW_MO: pieter.aadObjectId,
};

export const seededNow = new Date('2026-11-24T10:00:00.000Z');

function report(
  number: string,
  occurredAt: string,
  manager: Person,
  overrides: Partial<IncidentReport> = {},
): IncidentReport {
  const submittedAt = new Date(Date.parse(occurredAt) + 3_600_000).toISOString();
  return chatReport({ number, submittedAt, reporter: fatima, occurredAt, manager, ...overrides });
}

const at = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/**
 * Four incidents over three months (two by the same aggressor, one from an alarm), two buttons and four
 * alarms of which one is an OEFENING. Response times (s): first 40, 20, 90; second 75, 50; close 600, 300, 200.
 */
export async function seedOverview(test: TestApp): Promise<{ reports: IncidentReport[]; alarms: Alarm[] }> {
  const store = storeOf(test);
  const balie = await registerButton(test, 'balie-1', { location: 'Publieksbalie 1' });
  const spreekkamer = await registerButton(test, 'spreekkamer-2', { location: 'Spreekkamer 2', kind: 'paniekknop' });
  await store.recordHeartbeat(balie.id, new Date('2026-11-24T03:00:00.000Z'));

  async function alarm(
    buttonId: string,
    id: string,
    receivedAt: string,
    options: { exercise?: boolean; responders?: number[]; closeAfter?: number },
  ): Promise<Alarm> {
    await store.recordPress({
      buttonId,
      webhookId: `wh-${id}`,
      exercise: options.exercise ?? false,
      pressedAt: new Date(receivedAt),
      receivedAt: new Date(receivedAt),
      newAlarmId: id,
      deliveryLeaseUntil: new Date(receivedAt),
    });
    const people = [pieter, jeroen];
    const updated = await store.updateAlarm(buttonId, id, (current): Alarm => {
      const responders = (options.responders ?? []).map((seconds, index) => ({
        ...people[index]!,
        at: at(receivedAt, seconds),
      }));
      if (options.closeAfter === undefined) return { ...current, responders };
      return {
        ...current,
        responders,
        status: 'closed',
        closed: { outcome: 'vertrokken', by: pieter, at: at(receivedAt, options.closeAfter) },
      };
    });
    await store.releaseButton(buttonId, id);
    return updated!;
  }

  const alarms = [
    await alarm(balie.id, 'alarm-sep', '2026-09-10T08:00:00.000Z', { responders: [40, 75], closeAfter: 600 }),
    await alarm(balie.id, 'alarm-okt', '2026-10-15T08:00:00.000Z', { exercise: true, responders: [5], closeAfter: 30 }),
    await alarm(spreekkamer.id, 'alarm-nov-1', '2026-11-05T13:00:00.000Z', { responders: [90], closeAfter: 200 }),
    await alarm(balie.id, 'alarm-nov-2', '2026-11-20T09:00:00.000Z', { responders: [20, 50], closeAfter: 300 }),
  ];

  const reports = [
    report('AGR-2026-0001', '2026-09-10T07:59:00.000Z', lotte, {
      forms: ['verbaal-geweld', 'intimidatie'],
      police: 'gebeld',
      aggressor: { kind: 'known', identification: 'Karel Klaassen, klantnummer 778899' },
      source: { kind: 'alarm', buttonId: balie.id, alarmId: 'alarm-sep', responders: [pieter.name, jeroen.name] },
    }),
    report('AGR-2026-0002', '2026-10-03T12:00:00.000Z', lotte, {
      place: { kind: 'telefoon' },
      forms: ['discriminatie'],
      aggressor: { kind: 'known', identification: 'klantnummer 778899' },
    }),
    report('AGR-2026-0003', '2026-11-02T14:30:00.000Z', jeroen, {
      subject: { kind: 'colleague', victim: pieter },
      reporter: jeroen,
      place: { kind: 'social-media' },
      forms: ['verbaal-geweld'],
      description: 'Een bericht op Facebook met de naam van Pieter.',
    }),
    report('AGR-2026-0004', '2026-11-20T08:58:00.000Z', jeroen, {
      forms: ['fysiek-geweld'],
      injury: true,
      police: 'ja',
      aggressor: { kind: 'known', identification: 'Onbekende man met rode jas' },
    }),
  ];
  const reportStore = createReportTable(test.app.tables);
  for (const item of reports) await reportStore.create(item);

  // Lotte banned the repeat aggressor after the second incident; the aangifte of the first was done.
  await createMeasureTable(test.app.tables).save({
    id: 'AGR-2026-0001-m1',
    number: 'AGR-2026-0001',
    kind: 'toegangsverbod',
    startDate: '2026-09-14',
    endDate: '2026-12-14',
    aangifte: { status: 'gedaan', date: '2026-09-11', by: 'Lotte Jansen', underNumber: true },
    decidedBy: lotte,
    decidedAt: '2026-09-12T10:00:00.000Z',
    subject: { name: 'Karel Klaassen' },
    letterKey: 'letter-key-1',
  });

  const aftercare = createAftercareTable(test.app.tables);
  for (const plan of aftercarePlans(reports)) await aftercare.create(plan);
  return { reports, alarms };
}

function talk(number: 1 | 2 | 3, start: string, held = false): PlannedTalk {
  return {
    talk: number,
    eventId: `event-${number}-${start}`,
    start,
    end: at(start, 3600),
    state: 'planned',
    form: held
      ? {
          wellbeing: 'Gaat redelijk',
          complaints: 'Slaapt slecht',
          support: ['collegiaal'],
          referral: '',
          agreed: true,
          filledAt: at(start, 3600),
          filledBy: 'manager',
        }
      : undefined,
  };
}

/**
 * Aftercare on seededNow (Tue 24 Nov 2026): 0004 has a talk yesterday without form (missing) and two
 * ahead; 0003 one held, one on 16 Nov without form (overdue) and one ahead; 0002 is offered but not
 * planned; 0001 the manager arranges himself.
 */
function aftercarePlans(reports: IncidentReport[]): AftercarePlan[] {
  const plan = (report: IncidentReport, state: AftercarePlan['state'], talks: PlannedTalk[]): AftercarePlan => ({
    number: report.number,
    incidentAt: report.occurredAt,
    manager: report.manager,
    employee: report.subject.kind === 'self' ? report.reporter : report.subject.victim,
    state,
    proposalId: `proposal-${report.number}`,
    proposed: [],
    skipped: [],
    talks,
  });
  const [first, second, third, fourth] = reports as [IncidentReport, IncidentReport, IncidentReport, IncidentReport];
  return [
    plan(fourth, 'scheduled', [
      talk(1, '2026-11-23T13:00:00.000Z'),
      talk(2, '2026-12-04T09:00:00.000Z'),
      talk(3, '2026-12-30T09:00:00.000Z'),
    ]),
    plan(third, 'scheduled', [
      talk(1, '2026-11-04T09:00:00.000Z', true),
      talk(2, '2026-11-16T09:00:00.000Z'),
      talk(3, '2026-12-10T09:00:00.000Z'),
    ]),
    plan(second, 'offered', []),
    plan(first, 'self', []),
  ];
}

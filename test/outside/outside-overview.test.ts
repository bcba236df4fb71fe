import { createOutsideTable } from '../../bot/outside';
import { ManualClock } from '../../bot/shared/clock';
import { startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';
import { lotte, mohamed, overviewEnv, sanne, seedOverview, seededNow } from '../overview/overview-seed';

afterEach(stopAllTestApps);

async function outside(test: TestApp, viewer: { aadObjectId: string }) {
  const response = await fetch(`${test.url}/api/overview/outside`, {
    headers: { 'X-Overview-Dev-User': viewer.aadObjectId },
  });
  return { status: response.status, text: await response.clone().text(), body: (await response.json()) as never };
}

const visit = (id: string, change: Record<string, unknown>) => ({
  version: 1 as const,
  id,
  person: { id: '29:anna', name: 'Anna de Boer' },
  place: 'Wognum',
  placeReduced: true,
  startedAt: '2026-11-20T13:00:00.000Z',
  until: '2026-11-20T14:30:00.000Z',
  risks: [],
  status: 'closed' as const,
  extensions: 0,
  closedAt: '2026-11-20T14:10:00.000Z',
  closedHow: 'terug' as const,
  ...change,
});

/** The Overzicht tab's view of work outside: counts without addresses, suspicions linked to later incidents. */
describe('the overview of home visits and suspicions', () => {
  it('counts home visits without addresses and links a suspicion to the incidents that followed', async () => {
    const test = await startTestApp({ env: overviewEnv, clock: new ManualClock(seededNow), devUsers: [sanne, lotte] });
    await seedOverview(test);
    const store = createOutsideTable(test.app.tables);
    await store.createVisit(visit('hb-1', {}));
    await store.createVisit(
      visit('hb-2', {
        person: { id: '29:bram', name: 'Bram Visser' },
        place: 'Kerkweg 3, Andijk',
        placeReduced: false,
        startedAt: '2026-11-24T08:00:00.000Z',
        until: '2026-11-24T09:00:00.000Z',
        status: 'open',
        closedAt: undefined,
        closedHow: undefined,
        risks: ['wapens-honden'],
        alarm: { id: 'a-1', at: '2026-11-24T09:10:00.000Z', how: 'stil' },
      }),
    );
    await store.saveSuspicion({
      version: 1,
      id: 'vm-1',
      by: { id: '29:anna', name: 'Anna de Boer' },
      manager: { id: lotte.id, aadObjectId: lotte.aadObjectId, name: lotte.name },
      about: 'klantnummer 778899',
      noticed: 'Dreigde aan de telefoon.',
      createdAt: '2026-09-01T08:00:00.000Z',
    });

    const coordinator = await outside(test, sanne);
    expect(coordinator.status).toBe(200);
    expect(coordinator.body).toMatchObject({
      summary: { homeVisits: 2, open: 1, overdue: 1, alarms: 1, withRisks: 1, suspicions: 1, suspicionsDiscussed: 0 },
      suspicions: [{ id: 'vm-1', about: 'klantnummer 778899', incidents: ['AGR-2026-0002', 'AGR-2026-0001'] }],
    });
    expect(coordinator.text).not.toContain('Kerkweg');
    expect(coordinator.text).not.toContain('Anna de Boer');

    expect((await outside(test, lotte)).body).toMatchObject({ suspicions: [{ id: 'vm-1' }] });
    const po = await outside(test, mohamed);
    expect(po.body).toMatchObject({ summary: { homeVisits: 2 }, suspicions: [] });
  });
});

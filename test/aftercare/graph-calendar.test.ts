import { CalendarError, type Calendar, type CalendarUser } from '../../bot/aftercare/calendar';
import { createCalendar } from '../../bot/aftercare/graph-calendar';
import { graphMode, wantsGraphStandIn } from '../../bot/platform/graph/graph-client';
import { GraphStandIn } from '../../bot/platform/graph/graph-stand-in';

const lotte = { id: 'aad-lotte', displayName: 'Lotte Jansen', mail: 'lotte.jansen@gemeente.example' };
const mohamed = { id: 'aad-mohamed', displayName: 'Mohamed El Amrani', mail: 'mohamed.elamrani@gemeente.example' };

describe('the calendar over Microsoft Graph (against the Graph stand-in)', () => {
  let graph: GraphStandIn;
  let calendar: Calendar;
  let waits: number[];

  beforeEach(async () => {
    graph = new GraphStandIn([lotte, mohamed]);
    const baseUrl = await graph.start();
    waits = [];
    calendar = createCalendar(
      {
        GRAPH_BASE_URL: baseUrl,
        GRAPH_TENANT_ID: undefined,
        GRAPH_CLIENT_ID: undefined,
        GRAPH_CLIENT_SECRET: undefined,
      },
      { sleep: async (ms) => void waits.push(ms) },
    );
  });
  afterEach(() => graph.stop());

  const event = (manager: CalendarUser, employee: CalendarUser, transactionId = 'halteam-p1-1') =>
    calendar.createEvent(manager, {
      subject: 'Nazorggesprek 1 (AGR-2026-0001)',
      body: '<p>Agenda</p>',
      start: new Date('2026-11-18T08:00:00Z'),
      end: new Date('2026-11-18T09:00:00Z'),
      attendee: employee,
      transactionId,
    });

  async function people() {
    return { manager: await calendar.user('aad-lotte'), employee: await calendar.user('aad-mohamed') };
  }

  it('finds people and their busy times', async () => {
    const { manager, employee } = await people();
    expect(employee).toEqual({ id: 'aad-mohamed', email: mohamed.mail, name: 'Mohamed El Amrani' });
    graph.addBusy('aad-mohamed', new Date('2026-11-18T08:00:00Z'), new Date('2026-11-18T10:00:00Z'));
    graph.addBusy('aad-mohamed', new Date('2026-12-30T08:00:00Z'), new Date('2026-12-30T10:00:00Z'));
    const busy = await calendar.busyTimes(manager, [manager, employee], {
      start: new Date('2026-11-18T00:00:00Z'),
      end: new Date('2026-12-29T00:00:00Z'),
    });
    expect(busy).toEqual([{ start: new Date('2026-11-18T08:00:00Z'), end: new Date('2026-11-18T10:00:00Z') }]);
    const asked = graph.requests.find((request) => request.path.endsWith('/calendar/getSchedule'));
    expect(asked?.path).toBe('/v1.0/users/aad-lotte/calendar/getSchedule');
    expect(asked?.body).toMatchObject({ schedules: [lotte.mail, mohamed.mail] });
  });

  it('creates a Teams meeting with the employee invited, once per transactionId', async () => {
    const { manager, employee } = await people();
    const first = await event(manager, employee);
    const again = await event(manager, employee);
    expect(again.id).toBe(first.id);
    expect(first.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    const [stored, ...more] = graph.calendarOf('aad-lotte');
    expect(more).toHaveLength(0);
    expect(stored).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: 'halteam-p1-1',
      attendees: [expect.objectContaining({ emailAddress: { address: mohamed.mail, name: 'Mohamed El Amrani' } })],
    });
  });

  it.each([429, 503, 504] as const)('waits for Retry-After and retries on %i', async (status) => {
    const { manager, employee } = await people();
    graph.fail({ status, retryAfter: 7, method: 'POST', path: /\/events$/ }, 2);
    const created = await event(manager, employee);
    expect(created.id).toBeTruthy();
    expect(waits).toEqual([7000, 7000]);
    expect(graph.calendarOf('aad-lotte')).toHaveLength(1);
  });

  it('gives up after its attempts when Graph stays busy, without a duplicate', async () => {
    const { manager, employee } = await people();
    graph.fail({ status: 429, retryAfter: 1 }, 10);
    await expect(event(manager, employee)).rejects.toMatchObject({ problem: 'unavailable', status: 429 });
    expect(waits).toHaveLength(3);
    expect(graph.calendarOf('aad-lotte')).toHaveLength(0);
  });

  it('says plainly when the mailbox is outside the app scope (403) and does not retry', async () => {
    const { manager, employee } = await people();
    graph.deny('aad-lotte');
    const before = graph.requests.length;
    const error = await event(manager, employee).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({ problem: 'forbidden', status: 403 });
    expect(graph.requests.length - before).toBe(1);
  });

  it('says plainly when a person is unknown (404)', async () => {
    await expect(calendar.user('aad-nobody')).rejects.toMatchObject({ problem: 'unknown-user', status: 404 });
  });

  it('reads an event as Outlook has it: moved, or gone when cancelled', async () => {
    const { manager, employee } = await people();
    const created = await event(manager, employee);
    graph.moveEvent(created.id, new Date('2026-11-19T13:00:00Z'), new Date('2026-11-19T14:00:00Z'));
    expect(await calendar.getEvent(manager, created.id)).toMatchObject({
      start: new Date('2026-11-19T13:00:00Z'),
      end: new Date('2026-11-19T14:00:00Z'),
    });
    graph.cancelEvent(created.id);
    expect(await calendar.getEvent(manager, created.id)).toBeUndefined();
  });
});

describe('which Graph is used', () => {
  const none = { GRAPH_TENANT_ID: undefined, GRAPH_CLIENT_ID: undefined, GRAPH_CLIENT_SECRET: undefined };
  const credentials = { GRAPH_TENANT_ID: 'tenant', GRAPH_CLIENT_ID: 'client', GRAPH_CLIENT_SECRET: 'secret' };

  it('uses the stand-in only without credentials, and never when credentials are set', () => {
    expect(graphMode({ ...none, GRAPH_BASE_URL: 'http://127.0.0.1:4567/v1.0' })).toBe('stand-in');
    expect(graphMode({ ...credentials, GRAPH_BASE_URL: 'http://127.0.0.1:4567/v1.0' })).toBe('graph');
    expect(graphMode({ ...credentials, GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' })).toBe('graph');
    expect(graphMode({ ...none, GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' })).toBe('none');
  });

  it('lets the dev launcher start the stand-in only when no GRAPH_* credentials are in the environment', () => {
    expect(wantsGraphStandIn({})).toBe(true);
    expect(wantsGraphStandIn({ GRAPH_CLIENT_ID: ' ' })).toBe(true);
    expect(wantsGraphStandIn({ GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' })).toBe(false);
    expect(wantsGraphStandIn({ GRAPH_CLIENT_SECRET: 's' })).toBe(false);
  });

  it('answers "not configured" without credentials and without a stand-in', async () => {
    const calendar = createCalendar({ ...none, GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' });
    await expect(calendar.user('aad-lotte')).rejects.toMatchObject({ problem: 'not-configured' });
  });
});

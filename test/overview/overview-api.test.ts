import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createAuditTable } from '../../bot/overview/overview-audit-table';
import { ManualClock } from '../../bot/shared/clock';
import { startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';
import { fatima, jeroen, lotte, mohamed, overviewEnv, pieter, sanne, seedOverview, seededNow } from './overview-seed';

afterEach(stopAllTestApps);

const playgroundUsers = [sanne, mohamed, lotte, pieter, fatima, jeroen];

interface Row {
  number: string;
  victimName?: string;
  aggressor?: string;
  description?: string;
  managerAadObjectId?: string;
}

async function get(test: TestApp, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${test.url}/api/overview/${path}`, { headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: response.status, body, text, headers: response.headers };
}

describe('Overzicht API with the development sign-in (no Entra settings)', () => {
  let test: TestApp;
  const as = (user: { aadObjectId: string }) => ({ 'X-Overview-Dev-User': user.aadObjectId });

  beforeEach(async () => {
    // The playground's users, as bot/dev/dev-main.ts hands them to the app in development.
    test = await startTestApp({ env: overviewEnv, clock: new ManualClock(seededNow), devUsers: playgroundUsers });
    await seedOverview(test);
  });

  it('offers the mock users and refuses a request without one, or with an unknown one (401)', async () => {
    const config = await get(test, 'config');
    expect(config.body).toMatchObject({ signIn: 'development' });
    const names = (config.body as { devUsers: { name: string }[] }).devUsers.map((user) => user.name);
    expect(names).toEqual(expect.arrayContaining(['Sanne de Vries', 'Lotte Jansen', 'Fatima Yilmaz']));

    for (const path of ['me', 'incidents', 'incidents/AGR-2026-0001', 'alarms', 'aftercare', 'export.csv']) {
      expect((await get(test, path)).status).toBe(401);
      expect((await get(test, path, { 'X-Overview-Dev-User': 'someone-else' })).status).toBe(401);
    }
  });

  it('refuses someone without a role who manages no incident (403) on every route', async () => {
    for (const path of ['me', 'incidents', 'incidents/AGR-2026-0001', 'alarms', 'aftercare', 'export.csv']) {
      const answer = await get(test, path, as(fatima));
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('geen toegang');
    }
  });

  it('shows a manager only their own employees’ incidents, with the victim and the aggressor', async () => {
    const me = await get(test, 'me', as(lotte));
    expect(me.body).toMatchObject({ name: 'Lotte Jansen', roles: [], seesAll: false });

    const list = (await get(test, 'incidents', as(lotte))).body as { incidents: Row[]; stats: { total: number } };
    expect(list.incidents.map((row) => row.number)).toEqual(['AGR-2026-0002', 'AGR-2026-0001']);
    expect(list.incidents[0]).toMatchObject({ victimName: 'Fatima Yilmaz', aggressor: 'klantnummer 778899' });
    expect(list.incidents[0]!.managerAadObjectId).toBeUndefined();
    expect(list.stats.total).toBe(2);

    const other = await get(test, 'incidents/AGR-2026-0003', as(lotte));
    expect(other.status).toBe(403);
    const own = await get(test, 'incidents/AGR-2026-0001', as(lotte));
    expect(own.status).toBe(200);
    const timeline = (own.body as { timeline: { text: string }[] }).timeline.map((entry) => entry.text);
    expect(timeline).toEqual([
      'Incident',
      'Alarm van Publieksbalie 1',
      'Pieter Bakker komt (1e)',
      'Jeroen de Boer komt (2e)',
      'Alarm afgesloten door Pieter Bakker: Agressor is vertrokken',
      'Melding AGR-2026-0001 ingediend door Fatima Yilmaz',
      'Aangifte gedaan (onder nummer)',
      'Maatregel: Toegangsverbod tot de gebouwen van 14 sep 2026 tot en met 14 dec 2026 (besloten door Lotte Jansen)',
    ]);
    const withTalks = await get(test, 'incidents/AGR-2026-0003', as(jeroen));
    expect((withTalks.body as { timeline: { text: string }[] }).timeline.map((entry) => entry.text)).toEqual([
      'Incident',
      'Melding AGR-2026-0003 ingediend door Jeroen de Boer over Pieter Bakker',
      'Nazorggesprek 1: gehouden',
      'Nazorggesprek 2: formulier te laat',
      'Nazorggesprek 3: gepland',
    ]);
  });

  it('shows the coordinator everything, names and aggressors included', async () => {
    const list = (await get(test, 'incidents', as(sanne))).body as { incidents: Row[] };
    expect(list.incidents.map((row) => row.number)).toEqual([
      'AGR-2026-0004',
      'AGR-2026-0003',
      'AGR-2026-0002',
      'AGR-2026-0001',
    ]);
    const third = list.incidents.find((row) => row.number === 'AGR-2026-0003')!;
    expect(third).toMatchObject({ victimName: 'Pieter Bakker', description: expect.stringContaining('Facebook') });
    expect(list.incidents.find((row) => row.number === 'AGR-2026-0004')!.aggressor).toBe('Onbekende man met rode jas');
  });

  it('shows P&O every incident with the victim but never the aggressor', async () => {
    const list = (await get(test, 'incidents', as(mohamed))).body as { incidents: Row[] };
    expect(list.incidents).toHaveLength(4);
    for (const row of list.incidents) {
      expect(row.victimName).toBeDefined();
      expect(row.aggressor).toBeUndefined();
    }
    const detail = await get(test, 'incidents/AGR-2026-0001', as(mohamed));
    expect(JSON.stringify(detail.body)).not.toContain('778899');
  });

  it('shows the MO kinds, places and numbers, without any name or description', async () => {
    const answer = await get(test, 'incidents', as(pieter));
    const list = answer.body as { incidents: Row[]; stats: { total: number; repeatAggressors: number } };
    expect(list.stats).toMatchObject({ total: 4, repeatAggressors: 1 });
    const text = JSON.stringify(list);
    for (const secret of ['Fatima', '778899', 'Klaassen', 'Facebook', 'rode jas']) expect(text).not.toContain(secret);
    const banned = await get(test, 'incidents/AGR-2026-0001', as(pieter));
    expect(JSON.stringify(banned.body)).toContain('Toegangsverbod');
    expect(JSON.stringify(banned.body)).not.toMatch(/Karel|Klaassen|Fatima/);
    const detail = await get(test, 'incidents/AGR-2026-0003', as(pieter));
    expect(detail.status).toBe(200);
    expect(JSON.stringify(detail.body)).not.toMatch(/Facebook|Jeroen de Boer ingediend|over Pieter/);

    const csv = await get(test, 'export.csv', as(pieter));
    expect(csv.text).not.toContain('Fatima');
    expect(csv.text).toContain('"afgeschermd"');
  });

  it('writes every read of an incident’s detail, and every exported row, to the audit log', async () => {
    await get(test, 'incidents/AGR-2026-0001', as(lotte));
    (test.app.clock as ManualClock).advance(60_000);
    await get(test, 'incidents/AGR-2026-0001', as(sanne));
    await get(test, 'incidents', as(sanne));
    await get(test, 'incidents/AGR-2026-0001', as(fatima));
    (test.app.clock as ManualClock).advance(60_000);
    await get(test, 'export.csv?to=2026-09-30', as(pieter));
    const reads = await createAuditTable(test.app.tables).readsOf('AGR-2026-0001');
    expect(reads.map((read) => [read.viewerName, read.roles, read.via])).toEqual([
      ['Lotte Jansen', [], 'detail'],
      ['Sanne de Vries', ['coordinator'], 'detail'],
      ['Pieter Bakker', ['mo'], 'export'],
    ]);
    expect(await createAuditTable(test.app.tables).readsOf('AGR-2026-0002')).toEqual([]);
    expect(reads[0]!.at.toISOString()).toBe(seededNow.toISOString());
  });

  it('dates the timeline in Dutch, with the time only where one is known', async () => {
    const detail = (await get(test, 'incidents/AGR-2026-0001', as(lotte))).body as {
      timeline: { at: string; when: string; text: string }[];
    };
    expect(detail.timeline.map((entry) => `${entry.when} · ${entry.text.split(' (')[0]}`)).toEqual([
      '10 sep 2026 09:59 · Incident',
      '10 sep 2026 10:00 · Alarm van Publieksbalie 1',
      '10 sep 2026 10:00 · Pieter Bakker komt',
      '10 sep 2026 10:01 · Jeroen de Boer komt',
      '10 sep 2026 10:10 · Alarm afgesloten door Pieter Bakker: Agressor is vertrokken',
      '10 sep 2026 10:59 · Melding AGR-2026-0001 ingediend door Fatima Yilmaz',
      // Only the day of the aangifte is recorded: no time is made up for it (it was 13:00, from 12:00 UTC).
      '11 sep 2026 · Aangifte gedaan',
      '12 sep 2026 12:00 · Maatregel: Toegangsverbod tot de gebouwen van 14 sep 2026 tot en met 14 dec 2026',
    ]);
    const aangifte = detail.timeline.find((entry) => entry.text.startsWith('Aangifte'))!;
    expect(aangifte.at).toBe('2026-09-11');
    expect(JSON.stringify(detail.timeline.map((entry) => [entry.when, entry.text]))).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('refuses a filter date that does not exist (400), saying which and why, in the API’s error shape', async () => {
    for (const path of ['incidents', 'alarms', 'export.csv']) {
      const answer = await get(test, `${path}?from=2026-13-01`, as(sanne));
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        error: 'Ongeldig filter: van (from): geen bestaande datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-12-01.',
        fields: ['from'],
      });
    }
    const leapDay = await get(test, 'incidents?to=2026-02-29', as(sanne));
    expect(leapDay.status).toBe(400);
    expect(leapDay.body).toMatchObject({ fields: ['to'] });
    const reversed = await get(test, 'incidents?from=2026-11-30&to=2026-11-01', as(sanne));
    expect(reversed.status).toBe(400);
    expect((reversed.body as { error: string }).error).toContain('de begindatum ligt na de einddatum');
    const unknownForm = await get(test, 'incidents?form=schoppen', as(sanne));
    expect(unknownForm.body).toEqual({
      error: 'Ongeldig filter: vorm van agressie (form): onbekende waarde.',
      fields: ['form'],
    });
    expect((await get(test, 'incidents?from=2028-02-29', as(sanne))).status).toBe(200);
    // A refused filter read nothing, so nothing is audited.
    expect(await createAuditTable(test.app.tables).listReads()).toHaveLength(1);
  });

  it('writes every read of the incident list to the audit log: who, when, which filter and how many rows', async () => {
    await get(test, 'incidents', as(sanne));
    (test.app.clock as ManualClock).advance(60_000);
    await get(test, 'incidents?from=2026-10-01&form=discriminatie', as(lotte));
    await get(test, 'incidents', as(fatima)); // refused (403): nothing was read
    const reads = await createAuditTable(test.app.tables).listReads();
    expect(reads).toEqual([
      {
        at: seededNow,
        viewerAadObjectId: sanne.aadObjectId,
        viewerName: 'Sanne de Vries',
        roles: ['coordinator'],
        filter: {},
        rows: 4,
      },
      {
        at: new Date(seededNow.getTime() + 60_000),
        viewerAadObjectId: lotte.aadObjectId,
        viewerName: 'Lotte Jansen',
        roles: [],
        filter: { from: '2026-10-01', form: 'discriminatie' },
        rows: 1,
      },
    ]);
    // List reads are not reads of one incident's detail.
    expect(await createAuditTable(test.app.tables).readsOf('AGR-2026-0001')).toEqual([]);
  });

  it('filters the list and the statistics by period, form, place, police and aangifte', async () => {
    const ask = async (query: string) =>
      ((await get(test, `incidents?${query}`, as(sanne))).body as { incidents: Row[] }).incidents.map(
        (row) => row.number,
      );
    expect(await ask('from=2026-10-01&to=2026-11-02')).toEqual(['AGR-2026-0003', 'AGR-2026-0002']);
    expect(await ask('form=fysiek-geweld')).toEqual(['AGR-2026-0004']);
    expect(await ask('place=Telefoon')).toEqual(['AGR-2026-0002']);
    expect(await ask('police=gebeld')).toEqual(['AGR-2026-0001']);
    // Social media with verbal violence, discrimination by phone, threats, and violence: all call for aangifte.
    expect(await ask('aangifte=ja')).toEqual(['AGR-2026-0004', 'AGR-2026-0003', 'AGR-2026-0002', 'AGR-2026-0001']);
    expect(await ask('aangifte=nee')).toEqual([]);
    expect(await ask('measure=toegangsverbod')).toEqual(['AGR-2026-0001']);
    expect(await ask('measure=geen')).toEqual(['AGR-2026-0004', 'AGR-2026-0003', 'AGR-2026-0002']);
    const stats = ((await get(test, 'incidents', as(sanne))).body as { stats: Record<string, unknown> }).stats;
    expect(stats).toMatchObject({ aangifteRequired: 4, aangifteDone: 1, aangifteDoneRate: 0.25 });
    expect((await get(test, 'incidents?form=schoppen', as(sanne))).status).toBe(400);
    expect((await get(test, 'incidents/AGR-2026-9999', as(sanne))).status).toBe(404);
  });

  it('counts alarms and OEFENINGEN per month with the response times, and lists the buttons', async () => {
    const answer = (await get(test, 'alarms', as(sanne))).body as {
      stats: {
        total: Record<string, number>;
        perMonth: Record<string, unknown>[];
        perLocation: Record<string, unknown>[];
      };
      buttons: { location: string; lastHeartbeatAt?: string }[];
    };
    expect(answer.stats.total).toEqual({
      alarms: 3,
      exercises: 1,
      firstMedian: 40,
      firstP90: 90,
      secondMedian: 62.5,
      secondP90: 75,
      closeMedian: 300,
      closeP90: 600,
    });
    expect(answer.stats.perMonth.map((month) => [month.key, month.alarms, month.exercises])).toEqual([
      ['2026-09', 1, 0],
      ['2026-10', 0, 1],
      ['2026-11', 2, 0],
    ]);
    const spreekkamer = answer.stats.perLocation.find((location) => location.key === 'Spreekkamer 2')!;
    expect(spreekkamer).toMatchObject({ alarms: 1, exercises: 0, firstMedian: 90, closeMedian: 200 });
    expect(spreekkamer.secondMedian).toBeUndefined();
    const november = (await get(test, 'alarms?from=2026-11-01&to=2026-11-30', as(sanne))).body as typeof answer;
    expect(november.stats.total).toMatchObject({ alarms: 2, exercises: 0, firstMedian: 55, closeP90: 300 });
    expect(answer.buttons.find((button) => button.location === 'Publieksbalie 1')!.lastHeartbeatAt).toBe(
      '2026-11-24T03:00:00.000Z',
    );
  });

  it('shows aftercare: talks planned, held, forms missing and overdue, and incidents not planned yet', async () => {
    const all = (await get(test, 'aftercare', as(sanne))).body as {
      summary: Record<string, number>;
      plans: { number: string; employeeName?: string; talks: { status: string }[] }[];
    };
    expect(all.summary).toEqual({ planned: 3, held: 1, formMissing: 1, overdue: 1, notScheduled: 1, self: 1 });
    expect(all.plans.find((plan) => plan.number === 'AGR-2026-0003')).toMatchObject({
      employeeName: 'Pieter Bakker',
      talks: [{ status: 'gehouden' }, { status: 'te-laat' }, { status: 'gepland' }],
    });

    const mine = (await get(test, 'aftercare', as(lotte))).body as typeof all;
    expect(mine.plans.map((plan) => plan.number)).toEqual(['AGR-2026-0002', 'AGR-2026-0001']);
    expect(mine.summary).toMatchObject({ planned: 0, notScheduled: 1, self: 1 });

    const mo = (await get(test, 'aftercare', as(pieter))).body as typeof all;
    expect(mo.plans).toHaveLength(4);
    expect(JSON.stringify(mo)).not.toMatch(/Fatima|Pieter Bakker/);
    expect((await get(test, 'aftercare', as(fatima))).status).toBe(403);
  });

  it('exports the registration as CSV with the GIR fields, for the chosen period', async () => {
    const csv = await get(test, 'export.csv?from=2026-11-01&to=2026-11-30', as(sanne));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('incidenten-2026-11-01-tot-2026-11-30.csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '"Incidentnummer";"Datum";"Tijd";"Vorm van agressie";"Plaats of kanaal";"Letsel";"Materiële schade";"Wapen";"Politie";"Aangifte vereist";"Aangifte gedaan";"Maatregel";"Herhaling";"Via alarm";"Leidinggevende";"Slachtoffer";"Agressor"',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      '"AGR-2026-0004";"2026-11-20";"09:58";"Fysiek geweld";"Publieksbalie 1";"ja";"nee";"nee";"ja, ter plaatse";"ja";"nee";"";"nee";"nee";"Jeroen de Boer";"Fatima Yilmaz";"Onbekende man met rode jas"',
    );
  });
});

describe('Overzicht API with Teams SSO (Entra configured)', () => {
  const appId = '00000000-0000-0000-0000-00000000b07d';
  const tenant = 'tenant-test';
  const host = 'halteam.example.org';
  let keys: { privateKey: CryptoKey; jwk: JWK };
  let otherKey: CryptoKey;
  let jwksServer: http.Server;
  let jwksUrl: string;
  let test: TestApp;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    keys = {
      privateKey: pair.privateKey,
      jwk: { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' },
    };
    otherKey = (await generateKeyPair('RS256')).privateKey;
    // The tenant's published keys, as login.microsoftonline.com serves them.
    jwksServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: [keys.jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/${tenant}/discovery/v2.0/keys`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
  });

  beforeEach(async () => {
    test = await startTestApp({
      clock: new ManualClock(seededNow),
      devUsers: playgroundUsers, // handed in, yet never offered while Entra is configured
      env: {
        ...overviewEnv,
        // A coordinator listed by e-mail address, in another case than the token carries it.
        OVERVIEW_COORDINATORS: `${overviewEnv.OVERVIEW_COORDINATORS},Kees.Visser@Gemeente.Example`,
        MICROSOFT_APP_ID: appId,
        MICROSOFT_APP_PASSWORD: 'secret',
        MICROSOFT_APP_TENANT_ID: tenant,
        PUBLIC_BASE_URL: `https://${host}`,
        OVERVIEW_JWKS_URL: jwksUrl,
      },
    });
    await seedOverview(test);
  });

  interface TokenOptions {
    oid?: string;
    tid?: string;
    aud?: string;
    iss?: string;
    expiresIn?: string;
    key?: CryptoKey;
    kid?: string;
    /** More claims: the sign-in name (`preferred_username`, v2) or `upn` (v1), `name`. */
    claims?: Record<string, string>;
  }

  async function token(options: TokenOptions = {}): Promise<string> {
    return new SignJWT({
      oid: options.oid ?? sanne.aadObjectId,
      tid: options.tid ?? tenant,
      name: 'Sanne de Vries',
      ...options.claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
      .setAudience(options.aud ?? `api://${host}/botid-${appId}`)
      .setIssuer(options.iss ?? `https://login.microsoftonline.com/${tenant}/v2.0`)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(options.key ?? keys.privateKey);
  }

  const bearer = (value: string) => ({ Authorization: `Bearer ${value}` });

  it('accepts a valid token (v2 and v1 issuer, resource or app id audience) and applies the role', async () => {
    const me = await get(test, 'me', bearer(await token()));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'Sanne de Vries', roles: ['Coördinator'], seesAll: true });
    expect(
      (await get(test, 'me', bearer(await token({ iss: `https://sts.windows.net/${tenant}/`, aud: appId })))).status,
    ).toBe(200);
    const manager = await get(test, 'incidents', bearer(await token({ oid: jeroen.aadObjectId })));
    expect((manager.body as { incidents: Row[] }).incidents.map((row) => row.number)).toEqual([
      'AGR-2026-0004',
      'AGR-2026-0003',
    ]);
  });

  it('applies a role configured by e-mail address to the sign-in name (v2) or the UPN (v1), ignoring case', async () => {
    const kees = { oid: '0f3c2a52-1f4b-4a7e-9d8e-00000000c0c2' };
    const v2 = await token({
      ...kees,
      claims: { name: 'Kees Visser', preferred_username: 'kees.visser@gemeente.example' },
    });
    expect((await get(test, 'me', bearer(v2))).body).toMatchObject({ name: 'Kees Visser', roles: ['Coördinator'] });
    const v1 = await token({
      ...kees,
      iss: `https://sts.windows.net/${tenant}/`,
      claims: { name: 'Kees Visser', upn: 'KEES.VISSER@gemeente.example' },
    });
    expect((await get(test, 'me', bearer(v1))).body).toMatchObject({ roles: ['Coördinator'], seesAll: true });
    const someoneElse = await token({ ...kees, claims: { preferred_username: 'kees.visser@elders.example' } });
    expect((await get(test, 'me', bearer(someoneElse))).status).toBe(403);
  });

  it('refuses a valid token of someone without a role (403)', async () => {
    expect((await get(test, 'incidents', bearer(await token({ oid: fatima.aadObjectId })))).status).toBe(403);
    expect((await get(test, 'incidents/AGR-2026-0001', bearer(await token({ oid: jeroen.aadObjectId })))).status).toBe(
      403,
    );
  });

  it.each<[string, () => Promise<Record<string, string>>]>([
    ['no token', async () => ({})],
    ['not a bearer header', async () => ({ Authorization: `Basic ${await token()}` })],
    ['garbage', async () => bearer('not.a.token')],
    ['expired', async () => bearer(await token({ expiresIn: '-5m' }))],
    ['another audience', async () => bearer(await token({ aud: 'api://elsewhere/botid-x' }))],
    ['another issuer', async () => bearer(await token({ iss: 'https://login.microsoftonline.com/other/v2.0' }))],
    ['another tenant id', async () => bearer(await token({ tid: 'other-tenant' }))],
    ['signed with another key', async () => bearer(await token({ key: otherKey }))],
    ['an unknown key id', async () => bearer(await token({ kid: 'key-2' }))],
    ['unsigned (alg none)', async () => bearer(`${unsigned()}.`)],
  ])('answers 401 to %s', async (_name, headers) => {
    for (const path of ['me', 'incidents', 'incidents/AGR-2026-0001', 'alarms', 'aftercare', 'export.csv']) {
      expect((await get(test, path, await headers())).status).toBe(401);
    }
  });

  it('cannot be switched to the development sign-in while Entra is configured', async () => {
    const config = await get(test, 'config');
    expect(config.body).toMatchObject({ signIn: 'entra', devUsers: [] });
    expect((await get(test, 'me', { 'X-Overview-Dev-User': sanne.aadObjectId })).status).toBe(401);
    // Not even next to a valid token.
    expect((await get(test, 'me', { 'X-Overview-Dev-User': sanne.aadObjectId, ...bearer(await token()) })).status).toBe(
      401,
    );
  });

  function unsigned(): string {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'none' })}.${part({ oid: sanne.aadObjectId, tid: tenant, aud: appId, iss: `https://sts.windows.net/${tenant}/`, exp: 4102444800 })}`;
  }
});

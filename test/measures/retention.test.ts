import { Writable } from 'node:stream';
import { createReportTable } from '../../bot/reports/report-table';
import { lastRelevantDay, nextPurgeAt, purgeDue } from '../../bot/measures/retention';
import { ManualClock } from '../../bot/shared/clock';
import { createLogger } from '../../bot/shared/logger';
import { reportFixture } from '../dagstart/fixtures';
import type { RecordedCall } from '../support/fake-connector';
import { bindChannel, readableText, startTestApp, stopAllTestApps } from '../support/test-app';

const at = (local: string) => new Date(`${local}+01:00`);

describe('retention rule', () => {
  test('the clock runs from the last measure, or from the incident without one', () => {
    expect(lastRelevantDay('2026-11-24T08:50:00Z', [])).toBe('2026-11-24');
    expect(
      lastRelevantDay('2026-11-24T08:50:00Z', [
        { endDate: '2027-11-23', decidedAt: '2026-11-24T10:00:00Z' },
        { decidedAt: '2026-12-01T10:00:00Z' },
      ]),
    ).toBe('2027-11-23');
  });

  test.each([
    ['2029-11-23', 24, false],
    ['2029-11-24', 24, true],
    ['2028-11-24', 12, true],
    ['2028-11-23', 12, false],
  ])('ban ended 2027-11-23, today %s, %i months: purge %s', (today, months, expected) => {
    expect(purgeDue('2027-11-23', today, months)).toBe(expected);
  });

  test('the purge runs nightly at 03:00 Amsterdam time', () => {
    expect(nextPurgeAt(at('2026-11-24T10:00:00'))).toEqual(at('2026-11-25T03:00:00'));
    expect(nextPurgeAt(at('2026-11-24T02:00:00'))).toEqual(at('2026-11-24T03:00:00'));
  });
});

describe('the retention purge through the running bot', () => {
  afterEach(stopAllTestApps);

  test('removes the aggressor from report and ban after the period, logs it, keeps the incident', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const clock = new ManualClock(at('2026-11-24T10:00:00'));
    const running = await startTestApp({
      clock,
      logger: createLogger('info', sink),
      env: { MEASURES_RETENTION_MONTHS: '12' },
    });
    const receptionChannel = '19:reception@thread.tacv2';
    await bindChannel(running, 'receptie', receptionChannel);
    const reports = createReportTable(running.app.tables);
    await reports.create(reportFixture({ forms: ['fysiek-geweld'] }));
    // An incident without a measure and an unknown aggressor: nothing to remove.
    await reports.create(reportFixture({ number: 'AGR-2026-0043', aggressor: { kind: 'unknown' } }));

    const lotte = { id: '29:lotte', aadObjectId: 'aad-lotte', name: 'Lotte Jansen' };
    await running.bot.personal(lotte, 'maatregel AGR-2026-0042');
    const saved = await running.bot.execute(
      { id: `a:personal-${lotte.id}`, conversationType: 'personal' },
      lotte,
      'card',
      'measure.record',
      {
        number: 'AGR-2026-0042',
        kind: 'toegangsverbod',
        startDate: '2026-11-24',
        endDate: '2027-11-23',
        name: 'Karel Klaassen',
      },
    );
    expect(saved.status).toBe(200);
    await running.app.measures.idle();

    // A year after the ban ended, to the day: still kept (repeat detection).
    clock.set(at('2028-11-23T03:00:01'));
    await running.app.scheduler.tick();
    expect(JSON.stringify((await reports.get('AGR-2026-0042'))?.report)).toContain('Klaassen');

    clock.set(at('2028-11-24T03:00:01'));
    await running.app.scheduler.tick();
    const kept = (await reports.get('AGR-2026-0042'))?.report;
    expect(kept?.forms).toEqual(['fysiek-geweld']);
    expect(kept?.place).toEqual({ kind: 'location', name: 'Publieksbalie 1, gebouw Noord' });
    const after = JSON.stringify(kept);
    for (const gone of ['Klaassen', '778899', 'opwachten']) expect(after).not.toContain(gone);
    expect(await reports.byAggressor('nr:778899', new Date('2020-01-01'))).toEqual([]);
    const [measure] = await running.app.measures.forIncident('AGR-2026-0042');
    expect(measure?.subject).toBeUndefined();
    expect(measure?.purgedAt).toBe(at('2028-11-24T03:00:01').toISOString());
    expect(measure?.kind).toBe('toegangsverbod');

    const purgeLog = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'aggressor data retention purge');
    expect(purgeLog.at(-1)).toMatchObject({ purged: ['AGR-2026-0042'], count: 1, retentionMonths: 12 });
    expect(lines.join('\n')).not.toContain('Klaassen');

    // Reception no longer finds the name; the letter link is gone.
    const reply = async (text: string) => {
      const before = running.connector.sent().length;
      await running.bot.channel(receptionChannel, lotte, text);
      return readableText((running.connector.sent().slice(before)[0] as RecordedCall).body);
    };
    expect(await reply('check Karel Klaassen')).toBe('Voor "Karel Klaassen" geldt nu geen verbod.');
    const key = /letters\/([A-Za-z0-9_-]+)/.exec(JSON.stringify(saved.body.value))?.[1] as string;
    expect((await fetch(`${running.url}/api/measures/letters/${key}`)).status).toBe(404);
  });
});

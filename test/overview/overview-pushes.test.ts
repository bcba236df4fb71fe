import { ManualClock } from '../../bot/shared/clock';
import { storeOf } from '../support/buttons';
import { startTestApp, stopAllTestApps } from '../support/test-app';
import { lotte, overviewEnv, pieter, sanne, seedOverview, seededNow } from './overview-seed';

describe('the overview’s alarm detail shows who was pushed and when', () => {
  afterEach(stopAllTestApps);

  it('lists each push of the alarm with the people it reached', async () => {
    const test = await startTestApp({
      env: overviewEnv,
      clock: new ManualClock(seededNow),
      devUsers: [sanne, lotte, pieter],
    });
    const { reports } = await seedOverview(test);
    const report = reports.find((candidate) => candidate.source.kind === 'alarm');
    if (report?.source.kind !== 'alarm') throw new Error('the seed has an incident from an alarm');
    const { buttonId, alarmId } = report.source;
    await storeOf(test).updateAlarm(buttonId, alarmId, (alarm) => ({
      ...alarm,
      pushes: [
        { level: 0, at: alarm.receivedAt, people: [{ id: 'aad-pieter', name: pieter.name }] },
        { level: 1, at: new Date(Date.parse(alarm.receivedAt) + 61_000).toISOString(), people: [] },
      ],
    }));

    const response = await fetch(`${test.url}/api/overview/incidents/${report.number}`, {
      headers: { 'X-Overview-Dev-User': lotte.aadObjectId },
    });
    const timeline = ((await response.json()) as { timeline: { text: string; kind: string }[] }).timeline;
    expect(timeline.filter((entry) => entry.kind === 'push').map((entry) => entry.text)).toEqual([
      `Melding op de telefoon bij het alarm naar ${pieter.name}`,
      'Geen melding op telefoons bij opschaling 1',
    ]);
  });
});

import type { Activity } from 'botbuilder';
import { addButton } from '../../bot/alarms/button-admin';
import { createAlarmTable } from '../../bot/alarms/alarm-table';
import { createReportTable } from '../../bot/reports/report-table';
import { ManualClock } from '../../bot/shared/clock';
import { people, readable, ReportHarness, textOf } from './report-harness';
import { button, fillIn, inputs, stepOf } from './report-walk';

const { sanne, lotte } = people;

/** Tuesday 3 March 2026, 10:00 in Amsterdam: yesterday 14:00 is less than 24 hours ago. */
const tuesdayMorning = new Date('2026-03-03T09:00:00Z');

async function harness(options: { now?: Date; env?: Record<string, string> } = {}) {
  const clock = new ManualClock(options.now ?? tuesdayMorning);
  const h = new ReportHarness({ clock, env: options.env });
  await addButton(
    { id: 'balie-noord-1', kind: 'noodknop', location: 'Publieksbalie 1, gebouw Noord', authMode: 'token' },
    { store: createAlarmTable(h.tables), clock },
  );
  return { h, clock };
}

/** Starts a report about oneself and stops at "Wanneer gebeurde het?". */
async function atWhen(h: ReportHarness): Promise<Partial<Activity>[]> {
  const replies = await h.press(sanne, 'Over mij: het overkwam mij', await h.say(sanne, 'melden'));
  expect(stepOf(replies)).toBe('when');
  return replies;
}

const last = (replies: Partial<Activity>[]) => readable(replies.at(-1) ?? {});

describe('the time of day in the report', () => {
  it('reads "gisteren rond 2 uur" as 14:00, asks to confirm, and stores and counts the aangifte deadline from it', async () => {
    const { h } = await harness();
    await atWhen(h);
    const asked = await h.say(sanne, 'gisteren rond 2 uur');
    expect(stepOf(asked)).toBe('when');
    expect(last(asked)).toContain('Bedoel je gisteren 14:00?');
    expect(last(asked)).toContain('Nee, 02:00');

    const confirmed = await h.press(sanne, 'Ja', asked);
    expect(stepOf(confirmed)).toBe('where');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('ma 2 mrt 14:00');

    // Physical violence with an injury: aangifte within 24 hours of the confirmed moment, not of 02:00.
    const { replies } = await fillIn(h, sanne, await h.say(sanne, '1'), {
      forms: [inputs({ selection: 'fysiek-geweld' })],
      several: [button('Nee, één persoon')],
      injury: [button('Ja')],
    });
    await h.press(sanne, 'Versturen', replies);
    await h.reports.idle();

    const stored = await createReportTable(h.tables).get('AGR-2026-0001');
    expect(stored?.report.occurredAt).toBe('2026-03-02T13:00:00.000Z');
    const manager = readable(h.messenger.toUser(lotte.id)[0]!);
    expect(manager).toContain('vóór di 3 mrt 14:00');
    expect(manager).not.toContain('di 3 mrt 02:00');
  });

  it('takes the other reading with one click, or another time typed instead', async () => {
    const { h } = await harness();
    await atWhen(h);
    const night = await h.press(sanne, 'Nee, 02:00', await h.say(sanne, 'gisteren rond 2 uur'));
    expect(stepOf(night)).toBe('where');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('ma 2 mrt 02:00');

    const { h: other } = await harness();
    await atWhen(other);
    const again = await other.press(sanne, 'Andere tijd', await other.say(sanne, 'gisteren half drie'));
    expect(stepOf(again)).toBe('when');
    expect(last(again)).toContain('Wanneer gebeurde het?');
    const typedInstead = await other.say(sanne, 'maandagmiddag kwart over drie');
    expect(stepOf(typedInstead)).toBe('where');
    expect(textOf(await other.say(sanne, 'overzicht'))).toContain('ma 2 mrt 15:15');
  });

  it('answers the confirmation by typing too: "ja", or a corrected time', async () => {
    const { h } = await harness();
    await atWhen(h);
    expect(last(await h.say(sanne, 'eergisteren om 3'))).toContain('Bedoel je eergisteren 15:00?');
    const corrected = await h.say(sanne, 'eergisteren 11:30');
    expect(stepOf(corrected)).toBe('where');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('zo 1 mrt 11:30');

    const { h: yes } = await harness();
    await atWhen(yes);
    await yes.say(sanne, 'gisteren kwart voor vier');
    expect(stepOf(await yes.say(sanne, 'ja'))).toBe('where');
    expect(textOf(await yes.say(sanne, 'overzicht'))).toContain('ma 2 mrt 15:45');
  });

  it('asks nothing more for a clock time in working hours or a part of the day', async () => {
    const { h } = await harness();
    await atWhen(h);
    expect(stepOf(await h.say(sanne, 'vanochtend 9:15'))).toBe('where');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('di 3 mrt 09:15');
  });

  it('reads the hour inside WORKING_HOURS: 19:00 for an evening service', async () => {
    const { h } = await harness({ env: { WORKING_HOURS: '12:00-20:00' } });
    await atWhen(h);
    expect(last(await h.say(sanne, 'gisteren rond 7 uur'))).toContain('Bedoel je gisteren 19:00?');
  });

  it('never makes up a time for a day alone: it says so and asks the time on that day', async () => {
    const { h } = await harness();
    await atWhen(h);
    const day = await h.say(sanne, 'maandagochtend');
    expect(stepOf(day)).toBe('when');
    expect(last(day)).toContain('Je noemde de dag, maar niet hoe laat. Zelf vul ik geen tijd in.');
    expect(last(day)).toContain('Hoe laat ongeveer, gisterochtend?');
    expect(textOf(await h.say(sanne, 'overzicht'))).not.toContain('Wanneer');

    const time = await h.say(sanne, '10:30');
    expect(stepOf(time)).toBe('where');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('ma 2 mrt 10:30');
  });

  it('still takes the time from the card after a day alone', async () => {
    const { h } = await harness();
    await atWhen(h);
    const day = await h.say(sanne, 'gisteren');
    const picked = await h.press(sanne, 'Verder', day, { date: '2026-03-02', time: '16:45' });
    expect(stepOf(picked)).toBe('where');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('ma 2 mrt 16:45');
  });

  it('reads "een uur geleden" and "vorige week dinsdag" without asking again', async () => {
    const { h } = await harness();
    await atWhen(h);
    expect(stepOf(await h.say(sanne, 'een uur geleden'))).toBe('where');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('di 3 mrt 09:00');

    const { h: week } = await harness();
    await atWhen(week);
    expect(stepOf(await week.say(sanne, 'vorige week dinsdag 16:00'))).toBe('where');
    expect(textOf(await week.say(sanne, 'overzicht'))).toContain('di 24 feb 16:00');
  });
});

describe('the draft reminder uses the one calendar', () => {
  it('skips 5 May (Bevrijdingsdag) and Ascension Day', async () => {
    // Tuesday 4 May 2027, 15:00; Wednesday 5 May is Bevrijdingsdag, Thursday 6 May Ascension Day.
    const { h, clock } = await harness({ now: new Date('2027-05-04T13:00:00Z') });
    await atWhen(h);
    for (const day of ['2027-05-05', '2027-05-06']) {
      clock.set(new Date(`${day}T14:00:00Z`));
      await h.scheduler.tick();
    }
    expect(h.messenger.toUser(sanne.id)).toHaveLength(0);
    clock.set(new Date('2027-05-07T13:01:00Z')); // Friday 15:01
    await h.scheduler.tick();
    expect(h.messenger.toUser(sanne.id).map(readable)).toEqual([expect.stringContaining('nog niet verstuurd')]);
  });

  it("skips the municipality's own closing days (EXTRA_CLOSING_DAYS, a date and a yearly day)", async () => {
    // Wednesday 23 December 2026, 15:00. Closed on 24 December 2026 and every 31 December.
    const env = { EXTRA_CLOSING_DAYS: '2026-12-24,12-31' };
    const { h, clock } = await harness({ now: new Date('2026-12-23T14:00:00Z'), env });
    await atWhen(h);
    clock.set(new Date('2026-12-24T14:01:00Z'));
    await h.scheduler.tick();
    expect(h.messenger.toUser(sanne.id)).toHaveLength(0);
    clock.set(new Date('2026-12-28T14:01:00Z')); // Monday 15:01, after Christmas
    await h.scheduler.tick();
    expect(h.messenger.toUser(sanne.id)).toHaveLength(1);

    // Wednesday 30 December 2026, 15:00: not on the 31st, nor New Year's Day; Monday 4 January.
    const later = await harness({ now: new Date('2026-12-30T14:00:00Z'), env });
    await atWhen(later.h);
    later.clock.set(new Date('2027-01-01T14:01:00Z'));
    await later.h.scheduler.tick();
    expect(later.h.messenger.toUser(sanne.id)).toHaveLength(0);
    later.clock.set(new Date('2027-01-04T14:01:00Z'));
    await later.h.scheduler.tick();
    expect(later.h.messenger.toUser(sanne.id)).toHaveLength(1);
  });
});

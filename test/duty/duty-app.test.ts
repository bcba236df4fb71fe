import { ManualClock } from '../../bot/shared/clock';
import { alarmCards, press, registerButton } from '../support/buttons';
import type { RecordedCall } from '../support/fake-connector';
import { lotte, mohamed, pieter } from '../support/people';
import {
  admin,
  halteamChannel,
  readableText,
  startWithChannels,
  stopAllTestApps,
  type TestApp,
} from '../support/test-app';

/**
 * Halteam duty through the running bot (real server, Table Storage in Azurite, the in-process Bot
 * Connector): members sign off and on, `wie` answers, fewer than two on duty warns the channel, the
 * alarm card mentions those on duty, and the coordinator's roster covers a holiday.
 */
const sanne = { ...admin };

/** Amsterdam local time (CET, +01:00). */
const at = (local: string) => new Date(`${local}+01:00`);

function mentionedIds(call: RecordedCall): string[] {
  const direct = (call.body.entities as { mentioned?: { id: string } }[] | undefined) ?? [];
  const attachments =
    (call.body.attachments as { content?: { msteams?: { entities?: { mentioned: { id: string } }[] } } }[]) ?? [];
  const inCard = attachments.flatMap((attachment) => attachment.content?.msteams?.entities ?? []);
  return [...direct, ...inCard].flatMap((entity) => (entity.mentioned ? [entity.mentioned.id] : [])).sort();
}

describe('Halteam duty and coverage', () => {
  let test: TestApp;
  let clock: ManualClock;
  afterEach(stopAllTestApps);

  async function start(now: string): Promise<void> {
    clock = new ManualClock(at(now));
    test = await startWithChannels(['halteam'], { clock, members: [sanne, mohamed, lotte] });
  }

  /** Sends a message and returns the bot's answer in that conversation. */
  async function say(where: 'personal' | 'halteam', who: typeof mohamed, text: string): Promise<string> {
    const before = test.connector.sent().length;
    const response =
      where === 'personal' ? await test.bot.personal(who, text) : await test.bot.channel(halteamChannel, who, text);
    expect(response.status).toBeLessThan(300);
    const conversation = where === 'personal' ? `a:personal-${who.id}` : halteamChannel;
    const replies = test.connector
      .sent()
      .slice(before)
      .filter(
        (call) => (call.conversationId ?? '').startsWith(conversation) && !/Let op: er/.test(String(call.body.text)),
      );
    return replies.map((call) => readableText(call.body)).join('\n');
  }

  const warnings = () => test.connector.sent().filter((call) => String(call.body.text ?? '').startsWith('Let op: er'));

  it('shows who is on duty, warns when fewer than two are, and mentions only those on duty on an alarm', async () => {
    await start('2026-11-24T10:00:00');
    expect(await say('halteam', sanne, 'wie')).toBe('Nu op dienst: Sanne de Vries, Mohamed El Amrani, Lotte Jansen.');

    expect(await say('personal', mohamed, 'afwezig tot 13:00')).toBe(
      'Je bent afgemeld tot 13:00. Weer terug? Typ `dienst`.',
    );
    expect(warnings()).toHaveLength(0);

    expect(await say('halteam', lotte, 'afwezig')).toContain('Je bent afgemeld voor de rest van vandaag.');
    expect(warnings()).toHaveLength(1);
    const warning = warnings()[0] as RecordedCall;
    expect(warning.conversationId).toBe(halteamChannel);
    expect(readableText(warning.body)).toContain('er is nu 1 Halteamlid op dienst (op dienst: Sanne de Vries)');
    expect(mentionedIds(warning)).toEqual([lotte.id, mohamed.id].sort());

    const who = await say('halteam', sanne, 'wie');
    expect(who).toContain('Nu op dienst: Sanne de Vries.');
    expect(who).toContain('Afgemeld: Mohamed El Amrani (tot 13:00), Lotte Jansen (rest van vandaag).');
    expect(who).toContain('Dat is minder dan de 2 die het protocol vraagt.');

    const button = await registerButton(test, 'balie-noord-1', { authMode: 'token' });
    expect((await press(test, button, { signedAt: clock.now() })).status).toBeLessThan(300);
    await test.app.alarms.idle();
    expect(mentionedIds(alarmCards(test).at(-1) as RecordedCall)).toEqual([sanne.id]);

    expect(await say('personal', mohamed, 'dienst')).toBe(
      'Je staat op dienst tot het einde van de dag. Nu op dienst: Sanne de Vries, Mohamed El Amrani.',
    );
    clock.set(at('2026-11-24T13:00:00'));
    expect(await say('halteam', sanne, 'wie')).toContain('Nu op dienst: Sanne de Vries, Mohamed El Amrani (gemeld).');
  });

  it('only takes sign-ons from Halteam members, and explains a time it does not understand', async () => {
    await start('2026-11-24T10:00:00');
    expect(await say('personal', pieter, 'dienst')).toContain(
      'Alleen leden van het Halteam melden zich aan of af. Hoor je erbij? Vraag dan of je in het team van het Halteam-kanaal wordt gezet.',
    );
    expect(await say('personal', mohamed, 'afwezig morgen')).toContain(
      'Typ `afwezig` of bijvoorbeeld `afwezig tot 13:00`',
    );
    expect(await say('halteam', sanne, 'wie')).toBe('Nu op dienst: Sanne de Vries, Mohamed El Amrani, Lotte Jansen.');
  });

  it('checks coverage at the start of working hours, not at weekends', async () => {
    await start('2026-11-24T15:00:00');
    await say('personal', mohamed, 'afwezig tot 12:00');
    await say('personal', lotte, 'afwezig tot 12:00');
    const afterSignOffs = warnings().length;
    expect(afterSignOffs).toBe(1); // the second sign-off left one on duty

    clock.set(at('2026-11-25T07:59:00'));
    await test.app.scheduler.tick();
    expect(warnings()).toHaveLength(afterSignOffs);
    clock.set(at('2026-11-25T08:00:00'));
    await test.app.scheduler.tick();
    expect(warnings()).toHaveLength(afterSignOffs + 1);
    const morning = warnings().at(-1) as RecordedCall;
    expect(readableText(morning.body)).toContain('op dienst: Sanne de Vries');
    expect(mentionedIds(morning)).toEqual([lotte.id, mohamed.id].sort());

    for (const day of ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']) {
      clock.set(at(`${day}T08:00:00`));
      await test.app.scheduler.tick();
    }
    expect(warnings()).toHaveLength(afterSignOffs + 1);
    expect(await say('halteam', sanne, 'wie')).toBe(
      'Nu is niemand van het Halteam op dienst.\n\nHet is buiten werktijd en er is geen rooster voor vandaag: een alarm gaat naar het hele Halteam.',
    );
  });

  it('has nobody on duty by working hours on 5 May (Bevrijdingsdag), and checks no coverage that day', async () => {
    await start('2027-05-04T14:00:00'); // Tuesday 4 May 2027, 15:00 summer time
    clock.set(new Date('2027-05-05T08:00:00+02:00'));
    await test.app.scheduler.tick();
    clock.set(new Date('2027-05-05T10:00:00+02:00'));
    expect(warnings()).toHaveLength(0);
    expect(await say('halteam', sanne, 'wie')).toBe(
      'Nu is niemand van het Halteam op dienst.\n\nHet is buiten werktijd en er is geen rooster voor vandaag: een alarm gaat naar het hele Halteam.',
    );
  });

  it("has nobody on duty by working hours on the municipality's own closing day (EXTRA_CLOSING_DAYS)", async () => {
    clock = new ManualClock(at('2026-12-31T10:00:00'));
    test = await startWithChannels(['halteam'], {
      clock,
      env: { EXTRA_CLOSING_DAYS: '12-31' },
      members: [sanne, mohamed, lotte],
    });
    expect(await say('halteam', sanne, 'wie')).toContain('Het is buiten werktijd en er is geen rooster voor vandaag');
  });

  it('narrows the Halteam to HALTEAM_MEMBERS and takes coordinators from HALTEAM_COORDINATORS', async () => {
    clock = new ManualClock(at('2026-11-24T10:00:00'));
    test = await startWithChannels(['halteam'], {
      clock,
      env: { HALTEAM_MEMBERS: `${mohamed.aadObjectId},${lotte.id}`, HALTEAM_COORDINATORS: mohamed.aadObjectId },
      members: [sanne, mohamed, lotte, pieter],
    });
    expect(await say('halteam', sanne, 'wie')).toBe('Nu op dienst: Mohamed El Amrani, Lotte Jansen.');
    expect(await say('personal', sanne, 'dienst')).toContain('Alleen leden van het Halteam');
    expect(await say('personal', mohamed, 'rooster')).toContain('Rooster Halteam');
  });

  it('lets a coordinator roster a holiday, which then counts and is checked', async () => {
    await start('2026-12-23T12:00:00');
    expect(await say('personal', mohamed, 'rooster')).toBe('Alleen een coördinator van het Halteam maakt het rooster.');

    const before = test.connector.sent().length;
    await test.bot.personal(sanne, 'rooster');
    const cardCall = test.connector.sent().slice(before).at(-1) as RecordedCall;
    const cardText = readableText(cardCall.body);
    expect(cardText).toContain('Rooster Halteam');
    expect(cardText).toContain('Nog geen dagen ingeroosterd.');
    expect(JSON.stringify(cardCall.body.attachments)).toContain('Mohamed El Amrani');

    const save = (who: typeof sanne, data: Record<string, unknown>) =>
      test.bot.execute(
        { id: `a:personal-${who.id}`, conversationType: 'personal' },
        who,
        String(cardCall.body.id ?? 'card'),
        'halteam.rooster',
        data,
      );
    const refused = await save(mohamed, { date: '2026-12-25', members: mohamed.id });
    expect(JSON.stringify(refused.body)).toContain('Alleen een coördinator');
    const saved = await save(sanne, { date: '2026-12-25', members: sanne.id });
    const savedText = JSON.stringify(saved.body.value);
    expect(savedText).toContain('Opgeslagen: vr 25 dec, 1 op dienst. Let op: het protocol vraagt er minstens 2.');
    expect(savedText).toContain('Sanne de Vries');
    await save(sanne, { date: '2026-12-26', members: `${sanne.id},${lotte.id}` });
    const removed = await save(sanne, { date: '2026-12-26', members: '' });
    expect(JSON.stringify(removed.body.value)).toContain('za 26 dec staat niet meer op het rooster.');

    clock.set(at('2026-12-24T08:00:00'));
    await test.app.scheduler.tick();
    expect(warnings()).toHaveLength(0);
    clock.set(at('2026-12-25T08:00:00'));
    await test.app.scheduler.tick();
    expect(warnings()).toHaveLength(1);
    expect(mentionedIds(warnings()[0] as RecordedCall)).toEqual([lotte.id, mohamed.id].sort());
    clock.set(at('2026-12-25T20:00:00'));
    expect(await say('halteam', lotte, 'wie')).toContain('Nu op dienst: Sanne de Vries (rooster).');
    clock.set(at('2026-12-26T08:00:00'));
    await test.app.scheduler.tick();
    expect(warnings()).toHaveLength(1);
  });
});

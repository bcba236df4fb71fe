import type { OpenAlarm } from '../../bot/alarms/alarm-model';
import {
  addResponder,
  closeAlarm,
  escalationDecision,
  joinPress,
  recordEscalation,
  stillNeeded,
  timeline,
} from '../../bot/alarms/alarm-rules';

const t0 = new Date('2026-11-24T13:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const mohamed = { id: 'u1', name: 'Mohamed El Amrani' };
const lotte = { id: 'u2', name: 'Lotte Jansen' };

function openAlarm(overrides: Partial<OpenAlarm> = {}): OpenAlarm {
  return {
    id: 'a1',
    buttonId: 'nbg24',
    kind: 'paniekknop',
    location: 'Spreekkamer NBG24',
    exercise: false,
    pressedAt: t0.toISOString(),
    receivedAt: t0.toISOString(),
    presses: 1,
    responders: [],
    escalations: [],
    status: 'open',
    ...overrides,
  };
}

describe('alarm rules', () => {
  it('adds a responder once, however often they click', () => {
    const first = addResponder(openAlarm(), mohamed, at(10));
    const again = addResponder(first.alarm, mohamed, at(20));
    expect(first.added).toBe(true);
    expect(again.added).toBe(false);
    expect(again.alarm.responders).toEqual([{ ...mohamed, at: at(10).toISOString() }]);
  });

  it.each([
    [0, 2],
    [1, 1],
    [2, 0],
    [3, 0],
  ])('with %i responders, %i more are needed (the protocol wants two)', (count, needed) => {
    const responders = Array.from({ length: count }, (_, index) => ({
      id: `u${index}`,
      name: `N${index}`,
      at: t0.toISOString(),
    }));
    expect(stillNeeded(openAlarm({ responders }), 2)).toBe(needed);
  });

  const oneResponder = [{ ...mohamed, at: t0.toISOString() }];
  const twoResponders = [...oneResponder, { ...lotte, at: t0.toISOString() }];
  it.each([
    ['nobody is coming', openAlarm(), 1, { escalate: true }],
    ['one is coming', openAlarm({ responders: oneResponder }), 1, { escalate: true }],
    ['two are coming', openAlarm({ responders: twoResponders }), 1, { escalate: false, reason: 'enough' }],
    ['it is an exercise', openAlarm({ exercise: true }), 1, { escalate: false, reason: 'exercise' }],
    ['it is closed', closeAlarm(openAlarm(), 'vertrokken', mohamed, at(30)), 1, { escalate: false, reason: 'closed' }],
    [
      'level 1 already went out',
      openAlarm({ escalations: [{ level: 1, at: t0.toISOString(), to: 'halteam' }] }),
      1,
      { escalate: false, reason: 'done' },
    ],
    [
      'level 2 is due after level 1',
      openAlarm({ escalations: [{ level: 1, at: t0.toISOString(), to: 'halteam' }] }),
      2,
      { escalate: true },
    ],
  ] as const)('escalation when %s', (_name, alarm, level, expected) => {
    expect(escalationDecision(alarm, level, 2)).toEqual(expected);
  });

  it('records an escalation level once', () => {
    const once = recordEscalation(openAlarm(), { level: 1, at: at(60).toISOString(), to: 'halteam' });
    const twice = recordEscalation(once, { level: 1, at: at(61).toISOString(), to: 'halteam' });
    expect(twice.escalations).toHaveLength(1);
  });

  it('tells the whole story in time order on the closed card', () => {
    let alarm = openAlarm({ card: { conversationId: 'c', activityId: '1', postedAt: at(1).toISOString() } });
    alarm = addResponder(alarm, lotte, at(40)).alarm;
    alarm = recordEscalation(alarm, { level: 1, at: at(60).toISOString(), to: 'halteam' }) as OpenAlarm;
    alarm = addResponder(alarm, mohamed, at(70)).alarm;
    const closed = closeAlarm(alarm, 'politie-ter-plaatse', mohamed, at(600));
    expect(timeline(closed).map((entry) => entry.what)).toEqual([
      'Knop ingedrukt',
      'Alarm in het Halteam-kanaal',
      'Lotte Jansen komt eraan',
      'Opgeschaald: alle Halteamleden opgeroepen',
      'Mohamed El Amrani komt eraan',
      'Afgehandeld door Mohamed El Amrani',
    ]);
  });
});

describe('a further press of a button with an open alarm', () => {
  const times = (...seconds: number[]) => seconds.map((second) => at(second).toISOString());

  it.each([
    ['the first further press', [], 61, 3, 'joined', 2],
    ['a third press within the minute, limit 3', times(0, 10), 20, 3, 'joined', 2],
    ['a fourth press within the minute, limit 3', times(0, 10, 20), 30, 3, 'flooding', 30_000],
    ['a press once the oldest left the minute', times(0, 10, 20), 61, 3, 'joined', 2],
    ['limit 1: the next press within the minute', times(0), 59, 1, 'flooding', 1_000],
  ] as const)('%s', (_name, pressTimes, second, perMinute, outcome, expected) => {
    const decision = joinPress(openAlarm({ pressTimes: [...pressTimes] }), at(second), perMinute);
    if (outcome === 'joined') {
      expect('joined' in decision && decision.joined.presses).toBe(expected);
      expect('joined' in decision && decision.joined.pressTimes?.at(-1)).toBe(at(second).toISOString());
    } else {
      expect('flooding' in decision && decision.retryAfterMs).toBe(expected);
    }
  });

  it('keeps at most a minute of press times, however long the alarm is open', () => {
    let alarm = openAlarm();
    for (let second = 0; second < 600; second += 5) {
      const decision = joinPress(alarm, at(second), 30);
      if (!('joined' in decision)) throw new Error('refused');
      alarm = decision.joined;
    }
    expect(alarm.presses).toBe(121);
    expect(alarm.pressTimes?.length).toBeLessThanOrEqual(30);
  });
});

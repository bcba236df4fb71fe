import {
  aangifteAdvice,
  aangifteGrounds,
  aangifteGroundsFor,
  groundDescriptions,
  threatensSelfHarm,
  type AangifteFacts,
  type AangifteFiler,
  type AangifteGround,
} from '../../bot/reports/aangifte-rules';
import type { ThreatTarget } from '../../bot/reports/report-model';

const occurredAt = new Date('2026-03-03T13:03:00Z');
const calm: AangifteFacts = {
  forms: ['verbaal-geweld'],
  place: { kind: 'location', name: 'Publieksbalie 1, gebouw Noord' },
  injury: false,
  damage: false,
  weapons: false,
  police: 'nee',
  occurredAt,
};

describe('aangifte (Hoofdstuk 6, Bijlage 3, Bijlage 8A/8B), ground by ground', () => {
  const cases: { ground: AangifteGround; facts: Partial<AangifteFacts>; article?: string }[] = [
    { ground: 'bedreiging', facts: { forms: ['intimidatie'] }, article: 'art. 285 WvSr' },
    {
      ground: 'bedreiging',
      facts: { forms: ['intimidatie'], threatTargets: ['medewerker'] },
      article: 'art. 285 WvSr',
    },
    {
      ground: 'bedreiging-familie',
      facts: { forms: ['intimidatie'], threatTargets: ['familie'] },
      article: 'art. 285 WvSr',
    },
    {
      ground: 'bedreiging-collegas',
      facts: { forms: ['intimidatie'], threatTargets: ['collegas'] },
      article: 'art. 285 WvSr',
    },
    { ground: 'bedreiging-organisatie', facts: { forms: ['intimidatie'], threatTargets: ['organisatie'] } },
    { ground: 'verwijderd-door-politie', facts: { police: 'ja' } },
    { ground: 'fysieke-agressie', facts: { forms: ['fysiek-geweld'] }, article: 'art. 300 t/m 303 WvSr' },
    { ground: 'letsel', facts: { injury: true }, article: 'art. 300 t/m 303 WvSr' },
    { ground: 'vernieling', facts: { forms: ['vernielingen'] }, article: 'art. 350 WvSr' },
    { ground: 'materiele-schade', facts: { damage: true }, article: 'art. 350 WvSr' },
    {
      ground: 'openlijke-geweldpleging',
      facts: { forms: ['vernielingen'], severalAggressors: 'ja' },
      article: 'art. 141 WvSr',
    },
    { ground: 'ernstig-incident', facts: { weapons: true } },
    { ground: 'ernstig-incident', facts: { forms: ['wapens'] } },
    { ground: 'ernstig-incident', facts: { police: 'ja', place: { kind: 'openbare-ruimte' } } },
    { ground: 'schriftelijk-of-online', facts: { place: { kind: 'social-media' } } },
    { ground: 'schriftelijk-of-online', facts: { place: { kind: 'schriftelijk' } } },
    { ground: 'discriminatie-telefoon', facts: { forms: ['discriminatie'], place: { kind: 'telefoon' } } },
  ];

  it.each(cases)('$ground when $facts', ({ ground, facts, article }) => {
    const advice = aangifteAdvice({ ...calm, ...facts });
    expect(advice.required).toBe(true);
    if (!advice.required) return;
    expect(advice.grounds).toContain(ground);
    if (article) expect(advice.articles).toContain(article);
    // Within 24 hours, the town hall as address, "onder nummer" possible.
    expect(advice.deadline.toISOString()).toBe('2026-03-04T13:03:00.000Z');
    expect(advice.address).toBe('Dick Ketlaan 21, Wognum');
    expect(advice.underNumberArticle).toBe('art. 190 lid 3 WvSv');
    expect(advice.filers).toContain(groundDescriptions[ground].filer);
  });

  it('every ground is covered by a case above and quotes its source', () => {
    expect(new Set(cases.map((entry) => entry.ground))).toEqual(new Set(aangifteGrounds));
    for (const ground of aangifteGrounds) expect(groundDescriptions[ground].source).toMatch(/Hoofdstuk|Bijlage/);
  });

  it('verbal aggression at the counter without threat, injury or damage: not required', () => {
    expect(aangifteAdvice(calm)).toEqual({ required: false });
  });

  it('several aggressors only matter with violence against people or things', () => {
    expect(aangifteGroundsFor({ ...calm, severalAggressors: 'ja' })).toEqual([]);
    expect(aangifteGroundsFor({ ...calm, forms: ['fysiek-geweld'], severalAggressors: 'nee' })).toEqual([
      'fysieke-agressie',
    ]);
  });

  it('verbal aggression by phone is not a ground by itself; discrimination by phone is', () => {
    expect(aangifteGroundsFor({ ...calm, place: { kind: 'telefoon' } })).toEqual([]);
  });

  it('police that was called but did not come is not a serious incident by itself', () => {
    expect(aangifteGroundsFor({ ...calm, police: 'gebeld' })).toEqual([]);
  });

  it('lists each article once, in the order of the grounds', () => {
    const advice = aangifteAdvice({ ...calm, forms: ['fysiek-geweld', 'intimidatie'], injury: true });
    expect(advice.required && advice.articles).toEqual(['art. 285 WvSr', 'art. 300 t/m 303 WvSr']);
  });
});

describe('whom a threat was aimed at (Bijlage 3) and who files (Hoofdstuk 6, Bijlage 3, Bijlage 8C)', () => {
  const cases: {
    name: string;
    facts: Partial<AangifteFacts>;
    grounds: AangifteGround[];
    filers: AangifteFiler[];
    selfHarm: boolean;
  }[] = [
    {
      name: 'a threat against the staff member: the staff member files',
      facts: { forms: ['intimidatie'], threatTargets: ['medewerker'] },
      grounds: ['bedreiging'],
      filers: ['medewerker'],
      selfHarm: false,
    },
    {
      name: 'a report from before the question: read as a threat against the staff member',
      facts: { forms: ['intimidatie'] },
      grounds: ['bedreiging'],
      filers: ['medewerker'],
      selfHarm: false,
    },
    {
      name: 'a threat against the family',
      facts: { forms: ['intimidatie'], threatTargets: ['familie'] },
      grounds: ['bedreiging-familie'],
      filers: ['medewerker'],
      selfHarm: false,
    },
    {
      name: '"we blazen het gemeentehuis op": the municipality files',
      facts: { forms: ['intimidatie'], threatTargets: ['organisatie'] },
      grounds: ['bedreiging-organisatie'],
      filers: ['gemeente'],
      selfHarm: false,
    },
    {
      name: 'the staff member and the building: both file',
      facts: { forms: ['intimidatie'], threatTargets: ['medewerker', 'organisatie'] },
      grounds: ['bedreiging', 'bedreiging-organisatie'],
      filers: ['medewerker', 'gemeente'],
      selfHarm: false,
    },
    {
      name: 'a threat of self-harm only: no aangifte, care advice',
      facts: { forms: ['intimidatie'], threatTargets: ['zelfbeschadiging'] },
      grounds: [],
      filers: [],
      selfHarm: true,
    },
    {
      name: 'a threat of self-harm in a letter: not offensive language either (Bijlage 8B)',
      facts: { forms: ['intimidatie'], threatTargets: ['zelfbeschadiging'], place: { kind: 'schriftelijk' } },
      grounds: [],
      filers: [],
      selfHarm: true,
    },
    {
      name: 'a threat of self-harm and against the staff member',
      facts: { forms: ['intimidatie'], threatTargets: ['medewerker', 'zelfbeschadiging'] },
      grounds: ['bedreiging'],
      filers: ['medewerker'],
      selfHarm: true,
    },
    {
      name: 'targets without the form intimidatie count for nothing',
      facts: { forms: ['verbaal-geweld'], threatTargets: ['organisatie'] as ThreatTarget[] },
      grounds: [],
      filers: [],
      selfHarm: false,
    },
    {
      name: 'removed by the police at the counter: the municipality files (Bijlage 8C)',
      facts: { police: 'ja' },
      grounds: ['verwijderd-door-politie'],
      filers: ['gemeente'],
      selfHarm: false,
    },
    {
      name: 'police came in public space: a serious incident, the staff member files',
      facts: { police: 'ja', place: { kind: 'openbare-ruimte' } },
      grounds: ['ernstig-incident'],
      filers: ['medewerker'],
      selfHarm: false,
    },
  ];

  it.each(cases)('$name', ({ facts, grounds, filers, selfHarm }) => {
    const advice = aangifteAdvice({ ...calm, ...facts });
    expect(aangifteGroundsFor({ ...calm, ...facts })).toEqual(grounds);
    expect(advice.required ? advice.filers : []).toEqual(filers);
    expect(threatensSelfHarm({ ...calm, ...facts })).toBe(selfHarm);
  });
});

describe('a report made after the 24 hours', () => {
  it.each<[string, Date | undefined, boolean]>([
    ['made at once', new Date('2026-03-03T13:30:00Z'), false],
    ['made at the deadline', new Date('2026-03-04T13:03:00Z'), false],
    ['made a minute after the deadline', new Date('2026-03-04T13:04:00Z'), true],
    ['made days later', new Date('2026-03-09T08:00:00Z'), true],
    ['no moment of reporting given', undefined, false],
  ])('%s', (_name, reportedAt, late) => {
    const advice = aangifteAdvice({ ...calm, forms: ['fysiek-geweld'], reportedAt });
    expect(advice.required && advice.late).toBe(late);
    // Still required and still the same deadline: aangifte is still possible and wanted.
    expect(advice.required).toBe(true);
  });
});

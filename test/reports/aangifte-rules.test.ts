import {
  aangifteAdvice,
  aangifteGrounds,
  aangifteGroundsFor,
  groundDescriptions,
  type AangifteFacts,
  type AangifteGround,
} from '../../bot/reports/aangifte-rules';

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
    { ground: 'ernstig-incident', facts: { police: 'ja' } },
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

import { protocolRule, riskAdvice } from '../../bot/outside/risk-rules';

describe('the home-visit risk check', () => {
  it('gives no advice when every answer is "nee"', () => {
    expect(riskAdvice([])).toEqual({ risky: false, named: [] });
  });

  it.each([['bekend'], ['dreiging'], ['wapens-honden'], ['middelen'], ['besluit'], ['alleen']] as const)(
    'gives the protocol\'s advice for a "ja" on %s',
    (risk) => {
      const advice = riskAdvice([risk]);
      expect(advice.risky).toBe(true);
      expect(advice.advice).toContain(protocolRule);
      expect(advice.advice).toContain('Ga dus samen met een collega, of ga niet.');
      expect(advice.advice).toContain('Je leidinggevende krijgt hier nu bericht van.');
    },
  );

  it('quotes Hoofdstuk 4 word for word and names every risk', () => {
    expect(protocolRule).toBe(
      'Bij vermoedens van mogelijke agressie of geweld vindt huisbezoek onder begeleiding of geen huisbezoek plaats.',
    );
    expect(riskAdvice(['wapens-honden', 'bekend']).named).toEqual(['eerder agressief', 'wapens of honden']);
  });
});

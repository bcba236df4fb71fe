import type { RiskId } from './visit-model';

/** The home-visit risk check (Bijlage 11, ARIH): each question answered "ja" is a risk. */
export const riskQuestions: readonly { id: RiskId; question: string; short: string }[] = [
  { id: 'bekend', question: 'Is de klant eerder agressief geweest?', short: 'eerder agressief' },
  { id: 'dreiging', question: 'Staan er bedreigingen in het dossier?', short: 'bedreigingen in het dossier' },
  { id: 'wapens-honden', question: 'Zijn er wapens of honden in huis?', short: 'wapens of honden' },
  { id: 'middelen', question: 'Gebruikt de klant alcohol of drugs?', short: 'alcohol of drugs' },
  { id: 'besluit', question: 'Breng je een besluit dat spanning kan geven?', short: 'een spannend besluit' },
  { id: 'alleen', question: 'Ga je alleen?', short: 'alleen' },
];

/** Hoofdstuk 4, Huisbezoek, word for word. */
export const protocolRule =
  'Bij vermoedens van mogelijke agressie of geweld vindt huisbezoek onder begeleiding of geen huisbezoek plaats.';

export interface RiskAdvice {
  risky: boolean;
  /** The risks in words, for the person and their manager. */
  named: string[];
  advice?: string;
}

/** Any "ja" gives the protocol's advice, and the manager is told at once. */
export function riskAdvice(risks: readonly RiskId[]): RiskAdvice {
  const named = riskQuestions.filter((question) => risks.includes(question.id)).map((question) => question.short);
  if (named.length === 0) return { risky: false, named };
  return {
    risky: true,
    named,
    advice:
      `Je gaf "ja" op: ${named.join(', ')}. Het agressieprotocol zegt: "${protocolRule}" ` +
      'Ga dus samen met een collega, of ga niet. Je leidinggevende krijgt hier nu bericht van.',
  };
}

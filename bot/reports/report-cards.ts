import incidentTemplate from '../../cards/report-incident.json';
import offerTemplate from '../../cards/report-offer.json';
import questionTemplate from '../../cards/report-question.json';
import summaryTemplate from '../../cards/report-summary.json';
import { renderCard } from '../platform/cards/render-card';
import type { AdaptiveCard } from '../shared/messenger';
import { dayAndTime } from '../shared/time-format';
import { groundDescriptions, type AangifteAdvice } from './aangifte-rules';
import { formLabels, placeText, policeLabels, severalLabels, victimOf, type IncidentReport } from './report-model';
import { measureText, sanctionNoteTexts, sanctionRowLabels, type SanctionAdvice } from './sanction-rules';
import type { Choice, Question } from './report-steps';

const noticeColors = { info: 'Accent', problem: 'Attention' } as const;

/** Buttons side by side when there are few and short ones, else one per row (easier to hit on a phone). */
function buttonRows(buttons: readonly Choice[]): { items: Choice[] }[] {
  if (buttons.length === 0) return [];
  const compact = buttons.length <= 3 && buttons.every((button) => button.title.length <= 16);
  return compact ? [{ items: [...buttons] }] : buttons.map((button) => ({ items: [button] }));
}

export function questionCard(
  data: Question & {
    draftId: string;
    step: string;
    progress: string;
    notice?: string;
    noticeTone?: keyof typeof noticeColors;
    current: string;
  },
): AdaptiveCard {
  const numbered = (data.select?.choices ?? []).map((choice, index) => ({
    value: choice.value,
    title: `${index + 1}. ${choice.title}`,
  }));
  return renderCard(questionTemplate, {
    draftId: data.draftId,
    step: data.step,
    progress: data.progress,
    notice: data.notice ?? '',
    noticeColor: noticeColors[data.noticeTone ?? 'info'],
    question: data.question,
    hint: data.hint ?? '',
    current: data.current,
    buttonRows: buttonRows(data.buttons ?? []),
    hasSelect: data.select !== undefined,
    selectMulti: data.select?.multi ?? false,
    selectValue: (data.select?.selected ?? []).join(','),
    selectChoices: numbered,
    hasDateTime: data.dateTime !== undefined,
    dateValue: data.dateTime?.date ?? '',
    dateMax: data.dateTime?.max ?? '',
    timeValue: data.dateTime?.time ?? '',
  });
}

export interface SummaryItem {
  label: string;
  value: string;
  field: string;
  editable: boolean;
}

export function summaryCard(data: {
  draftId: string;
  mode: 'check' | 'overview';
  items: SummaryItem[];
  notice?: string;
  noticeTone?: keyof typeof noticeColors;
}): AdaptiveCard {
  const check = data.mode === 'check';
  return renderCard(summaryTemplate, {
    draftId: data.draftId,
    check,
    title: check ? 'Klopt alles?' : 'Je antwoorden tot nu toe',
    intro: check
      ? 'Lees je melding nog even na. Klik op Wijzig om een antwoord aan te passen, of verstuur de melding.'
      : 'Dit is wat je tot nu toe hebt ingevuld. Er is nog niets verstuurd.',
    notice: data.notice ?? '',
    noticeColor: noticeColors[data.noticeTone ?? 'info'],
    items: data.items,
  });
}

export type Audience = 'halteam' | 'manager' | 'po' | 'oov';

interface Section {
  heading: string;
  lines: string[];
  style: 'default' | 'emphasis' | 'attention' | 'warning' | 'accent';
}

export interface IncidentCardInput {
  report: IncidentReport;
  audience: Audience;
  aangifte: AangifteAdvice;
  /** Manager only: the Bijlage 9 advice. */
  sanction?: SanctionAdvice;
  /** Manager only: who else got a copy, or what the manager must do because nobody is configured. */
  copies?: { po: boolean; oov: boolean };
}

const intros: Record<Audience, (report: IncidentReport) => string> = {
  halteam: () => 'Een nieuwe melding van agressie. Het Halteam krijgt elke melding (Hoofdstuk 3).',
  manager: (report) =>
    report.manager.id === report.reporter.id
      ? 'Je hebt deze melding als leidinggevende gedaan. Hieronder het advies over aangifte en maatregel.'
      : `${report.reporter.name} heeft een melding gedaan en jou als leidinggevende genoemd. Hieronder het advies over aangifte en maatregel.`,
  po: () => 'Afschrift voor P&O, voor de registratie (Hoofdstuk 7, Registratie).',
  oov: () => 'Voor de beleidsmedewerker Openbare Orde en Veiligheid: bij dit incident is aangifte nodig (Hoofdstuk 6).',
};

function yesNo(value: boolean): string {
  return value ? 'Ja' : 'Nee';
}

function aangifteSection(advice: AangifteAdvice, audience: Audience, oovCopied: boolean): Section {
  if (!advice.required) {
    return {
      heading: 'Aangifte',
      lines: [
        'Volgens het protocol is aangifte niet verplicht. Vermoed je een strafbaar feit, dan kan aangifte altijd (Hoofdstuk 6).',
      ],
      style: 'default',
    };
  }
  const grounds = advice.grounds.map((ground) => {
    const description = groundDescriptions[ground];
    return `- ${description.text}${description.article ? ` (${description.article})` : ''}; ${description.source}`;
  });
  const lines = [
    'Aangifte bij de politie is nodig, om deze reden(en):',
    grounds.join('\n'),
    `Doe zo snel mogelijk aangifte, uiterlijk binnen 24 uur: vóór ${dayAndTime(advice.deadline.toISOString())}.`,
    `Kies als adres het gemeentehuis: ${advice.address}. Ter bescherming van de medewerker doet de leidinggevende aangifte (Bijlage 3).`,
    `Aangifte kan ook onder nummer (${advice.underNumberArticle}); het slachtoffer doet dan zelf aangifte.`,
  ];
  if (audience === 'manager') {
    lines.push(
      oovCopied
        ? 'De beleidsmedewerker OOV krijgt bericht en kan helpen bij de aangifte.'
        : 'Meld de aangifte ook bij de beleidsmedewerker OOV (er is geen OOV-ontvanger ingesteld in de bot).',
    );
  }
  return { heading: 'Aangifte: nodig', lines, style: 'attention' };
}

function sanctionSection(advice: SanctionAdvice, report: IncidentReport): Section {
  const lines: string[] = [];
  lines.push(`**${measureText(advice.measure)}.**`);
  const basis = sanctionRowLabels[advice.basis];
  if (advice.combination) {
    lines.push(
      `Combinatie van ${advice.rows.map((row) => sanctionRowLabels[row]).join(', ')}: de sanctie van de zwaarste gedraging (${basis})${advice.repeat ? ', verhoogd bij herhaling' : ''}.`,
    );
  } else {
    lines.push(`Gedraging: ${basis}.`);
  }
  if (report.aggressor.kind === 'unknown') {
    lines.push('De agressor is onbekend, dus herhaling is niet na te gaan.');
  } else if (advice.repeat) {
    lines.push(
      `Herhaling binnen een jaar: ${advice.repeats.map((incident) => `${incident.number} (${dayAndTime(incident.occurredAt)})`).join(', ')}.`,
    );
  } else {
    lines.push('Eerste keer: geen eerdere melding over deze persoon in het afgelopen jaar.');
  }
  for (const note of advice.notes) lines.push(sanctionNoteTexts[note]);
  lines.push('Jij beslist over de maatregel en informeert de agressor (Hoofdstuk 7, Afwikkeling).');
  return { heading: 'Advies maatregel (Bijlage 9)', lines, style: 'emphasis' };
}

/** The report as one audience may see it: the aggressor only for the manager; P&O and OOV get less. */
export function incidentCard(input: IncidentCardInput): AdaptiveCard {
  const { report, audience } = input;
  const victim = victimOf(report);
  const facts: { title: string; value: string }[] = [
    { title: 'Wanneer', value: dayAndTime(report.occurredAt) },
    { title: 'Waar', value: placeText(report.place) },
    { title: 'Soort', value: report.forms.map((form) => formLabels[form]).join(', ') },
  ];
  if (audience !== 'oov') {
    facts.push({ title: 'Slachtoffer', value: victim.name });
    if (report.subject.kind === 'colleague') facts.push({ title: 'Gemeld door', value: report.reporter.name });
  }
  facts.push({ title: 'Leidinggevende', value: report.manager.name });
  if (audience !== 'oov') {
    if (report.severalAggressors)
      facts.push({ title: 'Meerdere daders', value: severalLabels[report.severalAggressors] });
    facts.push(
      { title: 'Letsel', value: yesNo(report.injury) },
      { title: 'Schade', value: yesNo(report.damage) },
      { title: 'Wapens', value: yesNo(report.weapons) },
      { title: 'Politie', value: policeLabels[report.police] },
      {
        title: "Getuigen, collega's",
        value: report.witnesses.kind === 'named' ? report.witnesses.names : 'Niemand',
      },
    );
    if (report.source.kind === 'alarm' && report.source.responders.length > 0) {
      facts.push({ title: 'Halteam ter plaatse', value: report.source.responders.join(', ') });
    }
  }
  if (audience === 'halteam' || audience === 'po') {
    facts.push({
      title: 'Agressor',
      value: report.aggressor.kind === 'known' ? 'Bekend bij de leidinggevende' : 'Onbekend',
    });
  }

  const sections: Section[] = [];
  if (audience === 'manager') {
    sections.push({
      heading: 'Agressor',
      lines: [
        report.aggressor.kind === 'known'
          ? `${report.aggressor.identification} (alleen zichtbaar voor jou)`
          : 'Onbekend',
      ],
      style: 'default',
    });
    sections.push(aangifteSection(input.aangifte, audience, input.copies?.oov ?? false));
    if (input.sanction) sections.push(sanctionSection(input.sanction, report));
    sections.push({
      heading: 'Wat nu',
      lines: [
        'Vang de medewerker op en plan de nazorggesprekken (Bijlage 5).',
        'Bespreek het incident en de aanpak in het eerstvolgende werkoverleg (Hoofdstuk 7).',
        input.copies?.po
          ? 'P&O krijgt een afschrift voor de registratie.'
          : 'Stuur een afschrift naar P&O voor de registratie (er is geen P&O-ontvanger ingesteld in de bot).',
      ],
      style: 'default',
    });
  }
  if (audience === 'oov' && input.aangifte.required) {
    sections.push({
      heading: 'Gronden voor aangifte',
      lines: input.aangifte.grounds.map((ground) => {
        const description = groundDescriptions[ground];
        return `- ${description.text}${description.article ? ` (${description.article})` : ''}`;
      }),
      style: 'attention',
    });
    sections.push({
      heading: 'Contact',
      lines: [`De leidinggevende, ${report.manager.name}, heeft de gegevens en doet of begeleidt de aangifte.`],
      style: 'default',
    });
  }

  return renderCard(incidentTemplate, {
    title: `${audience === 'oov' ? 'Aangifte bij melding' : 'Melding agressie'} ${report.number}`,
    intro: intros[audience](report),
    facts,
    description: audience === 'oov' ? '' : report.description,
    sections,
    // The manager records the measure from here (bot/measures); `maatregel <nummer>` does the same.
    measureNumber: audience === 'manager' ? report.number : '',
    footer:
      audience === 'po'
        ? 'Vertrouwelijk. Bewaren volgens de registratie van P&O.'
        : 'Vertrouwelijk: alleen voor de melder, de leidinggevende en het Halteam. Niet doorsturen.',
  });
}

/** The card that offers the closer of an alarm to start the report, prefilled from the alarm. */
export function offerCard(data: {
  location: string;
  pressedAtText: string;
  responders: string[];
  buttonId: string;
  alarmId: string;
}): AdaptiveCard {
  const facts = [
    { title: 'Waar', value: data.location },
    { title: 'Wanneer', value: data.pressedAtText },
  ];
  if (data.responders.length > 0) facts.push({ title: 'Halteam', value: data.responders.join(', ') });
  return renderCard(offerTemplate, {
    title: 'Het alarm is afgehandeld. Dank je wel.',
    text:
      'Elk incident wordt gemeld. Help je de collega met het meldingsformulier? ' +
      'Tijd, plaats en wie er kwamen staan er dan al in. Het duurt een paar minuten.',
    facts,
    buttonId: data.buttonId,
    alarmId: data.alarmId,
  });
}

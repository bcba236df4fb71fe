import incidentTemplate from '../../cards/report-incident.json';
import offerTemplate from '../../cards/report-offer.json';
import questionTemplate from '../../cards/report-question.json';
import summaryTemplate from '../../cards/report-summary.json';
import { renderCard } from '../platform/cards/render-card';
import type { AdaptiveCard } from '../shared/messenger';
import { samePerson } from '../shared/people';
import { dayAndTime } from '../shared/time-format';
import { groundDescriptions, threatensSelfHarm, type AangifteAdvice } from './aangifte-rules';
import {
  formLabels,
  placeText,
  policeLabels,
  remotePlace,
  severalLabels,
  threatTargetLabels,
  threatTargetsOf,
  victimOf,
  type IncidentReport,
} from './report-model';
import { maxQuestions, repeatLines, type RepeatFindings } from './repeat-rules';
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
  /** Manager only: earlier reports that make it a repeat, may do so, or report the same event. */
  repeats?: RepeatFindings;
  /** Manager only: who else got a copy, or what the manager must do because nobody is configured. */
  copies?: { po: boolean; oov: boolean };
}

const intros: Record<Audience, (report: IncidentReport) => string> = {
  halteam: () => 'Een nieuwe melding van agressie. Het Halteam krijgt elke melding (Hoofdstuk 3).',
  manager: (report) =>
    samePerson(report.manager, report.reporter)
      ? 'Je hebt deze melding als leidinggevende gedaan. Hieronder het advies over aangifte en maatregel.'
      : `${report.reporter.name} heeft een melding gedaan en jou als leidinggevende genoemd. Hieronder het advies over aangifte en maatregel.`,
  po: () => 'Afschrift voor P&O, voor de registratie (Hoofdstuk 7, Registratie).',
  oov: () => 'Voor de beleidsmedewerker Openbare Orde en Veiligheid: bij dit incident is aangifte nodig (Hoofdstuk 6).',
};

function yesNo(value: boolean): string {
  return value ? 'Ja' : 'Nee';
}

/** Where the protocol says the municipality itself files, for the grounds of this advice. */
function municipalSources(advice: AangifteAdvice): string {
  if (!advice.required) return '';
  const sources = advice.grounds
    .filter((ground) => groundDescriptions[ground].filer === 'gemeente')
    .map((ground) => groundDescriptions[ground].source);
  return [...new Set(sources)].join('; ');
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
  const deadline = dayAndTime(advice.deadline.toISOString());
  const lines = [
    'Aangifte bij de politie is nodig, om deze reden(en):',
    grounds.join('\n'),
    advice.late
      ? `De termijn van 24 uur is voorbij (${deadline}). Aangifte doen kan nog steeds en is nog steeds nodig: doe het zo snel mogelijk.`
      : `Doe zo snel mogelijk aangifte, uiterlijk binnen 24 uur: vóór ${deadline}.`,
  ];
  if (advice.filers.includes('medewerker')) {
    lines.push(
      'Wie doet aangifte: de medewerker zelf, want die kan het beste vertellen wat er gebeurde; de leidinggevende ondersteunt daarbij (Hoofdstuk 6).',
      'Uitzondering: ter bescherming van de medewerker, bijvoorbeeld bij angst of als het te zwaar is, doet de leidinggevende aangifte namens de medewerker (Hoofdstuk 6, Bijlage 3). ' +
        'Kan de leidinggevende dat niet, dan doet de beleidsmedewerker OOV het (Hoofdstuk 6).',
    );
  }
  if (advice.filers.includes('gemeente')) {
    lines.push(
      `Namens de gemeente doet de algemeen directeur, de sectormanager, het afdelingshoofd of een gemandateerde medewerker aangifte (${municipalSources(advice)}).`,
    );
  }
  lines.push(
    'Vraag de politie de aangifte te registreren als VPT-incident (Veilige Publieke Taak), zodat politie en Openbaar Ministerie de ELA-aanpak volgen (Eenduidige Landelijke Afspraken).',
    `Kies als adres het gemeentehuis (domiciliekeuze), niet het huisadres van de medewerker: ${advice.address}. ` +
      'De medewerker blijft via het gemeentehuis bereikbaar voor politie en Openbaar Ministerie, bijvoorbeeld om als getuige gehoord te worden (Bijlage 3).',
    `Aangifte kan ook onder nummer (${advice.underNumberArticle}); het slachtoffer doet dan zelf aangifte.`,
  );
  if (audience === 'manager') {
    lines.push(
      oovCopied
        ? 'De beleidsmedewerker OOV krijgt bericht en kan helpen bij de aangifte.'
        : 'Meld de aangifte ook bij de beleidsmedewerker OOV (er is geen OOV-ontvanger ingesteld in de bot).',
    );
  }
  return { heading: 'Aangifte: nodig', lines, style: 'attention' };
}

/** A threat of self-harm: no aangifte for it, but care for the person, and 112 when it is acute. */
function selfHarmSection(audience: Audience): Section {
  return {
    heading: 'Dreigen met zelfbeschadiging',
    lines: [
      'De persoon dreigde zichzelf iets aan te doen. Dat is geen bedreiging van de medewerker (art. 285 WvSr) en daarvoor is geen aangifte nodig.',
      'Is er acuut gevaar? Bel meteen 112.',
      `Anders: zorg dat de persoon hulp krijgt. ${audience === 'manager' ? 'Overleg' : 'Overleg met de leidinggevende'} hoe, bijvoorbeeld via de huisarts of de hulpverlener van de persoon, of wijs op 113 Zelfmoordpreventie (113 of 0800-0113).`,
      'Zo’n dreiging raakt ook de medewerker: neem het mee in de opvang en nazorg.',
    ],
    style: 'warning',
  };
}

function sanctionSection(advice: SanctionAdvice, report: IncidentReport, repeats: RepeatFindings): Section {
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
    lines.push(
      'De agressor is onbekend: er is nu niemand om een maatregel aan op te leggen of over te informeren, en herhaling is niet na te gaan. ' +
        'Wordt later bekend wie het was, leg de maatregel dan alsnog vast.',
    );
  } else {
    lines.push(...repeatLines(repeats, true, 'card', dayAndTime));
  }
  for (const note of advice.notes) lines.push(sanctionNoteTexts[note]);
  if (report.aggressor.kind === 'known') {
    lines.push('Jij beslist over de maatregel en informeert de agressor (Hoofdstuk 7, Afwikkeling).');
  }
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
  // The OOV officer gets what the aangifte needs: the grounds say whom a threat concerned.
  const targets = audience === 'oov' ? [] : threatTargetsOf(report);
  if (targets.length > 0) {
    facts.push({
      title: 'Bedreiging gericht tegen',
      value: targets.map((target) => threatTargetLabels[target]).join(', '),
    });
  }
  if (audience !== 'oov') {
    facts.push({ title: 'Slachtoffer', value: victim.name });
    if (report.subject.kind === 'colleague') facts.push({ title: 'Gemeld door', value: report.reporter.name });
  }
  facts.push({ title: 'Leidinggevende', value: report.manager.name });
  if (audience !== 'oov') {
    if (report.severalAggressors)
      facts.push({ title: 'Meerdere daders', value: severalLabels[report.severalAggressors] });
    // By phone, in writing or online these were not asked: nothing happened on site.
    if (!remotePlace(report.place)) {
      facts.push(
        { title: 'Letsel', value: yesNo(report.injury) },
        { title: 'Schade', value: yesNo(report.damage) },
        { title: 'Wapens', value: yesNo(report.weapons) },
      );
    }
    facts.push({ title: 'Politie', value: policeLabels[report.police] });
    if (!remotePlace(report.place)) {
      facts.push({
        title: "Getuigen, collega's",
        value: report.witnesses.kind === 'named' ? report.witnesses.names : 'Niemand',
      });
    }
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
  const selfHarm = threatensSelfHarm(report);
  if (audience === 'halteam' && selfHarm) sections.push(selfHarmSection(audience));
  if (audience === 'manager') {
    sections.push({
      heading: 'Agressor',
      lines: [
        report.aggressor.kind === 'known'
          ? `${report.aggressor.identification} (zichtbaar voor jou en de coördinator; bij een toegangs- of contactverbod ook voor de receptie)`
          : 'Onbekend',
      ],
      style: 'default',
    });
    if (selfHarm) sections.push(selfHarmSection(audience));
    sections.push(aangifteSection(input.aangifte, audience, input.copies?.oov ?? false));
    if (input.sanction) {
      const repeats = input.repeats ?? { repeats: input.sanction.repeats, sameEvent: [], candidates: [] };
      sections.push(sanctionSection(input.sanction, report, repeats));
    }
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
      lines: [
        `De leidinggevende, ${report.manager.name}, heeft de gegevens en doet of begeleidt de aangifte.`,
        ...(input.aangifte.filers.includes('gemeente')
          ? [
              `Hier doet ook de gemeente aangifte: de algemeen directeur, de sectormanager, het afdelingshoofd of een gemandateerde medewerker (${municipalSources(input.aangifte)}).`,
            ]
          : []),
      ],
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
    // "Dezelfde persoon als AGR-…?": the manager's answer decides whether the advice counts a repeat.
    samePersonQuestions:
      audience === 'manager' && input.sanction
        ? (input.repeats?.candidates ?? []).slice(-maxQuestions).map((candidate) => ({
            number: report.number,
            other: candidate.number,
          }))
        : [],
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

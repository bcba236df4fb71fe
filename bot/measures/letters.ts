import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { formLabels, type IncidentReport, type Place } from '../reports';
import { localDate } from '../shared/time-format';
import { isBan, longDate, type MeasureKind } from './measure-rules';
import type { MeasureRecord } from './measure-store';

/**
 * Draft letters per measure (Bijlage 3, 7, 8A/8B), sent "uit naam van gemeentesecretaris en
 * burgemeester" (Hoofdstuk 5), as an editable .docx built with the `docx` library. The manager finishes
 * and sends it. Privacy (seed 000, 3.3): a letter is read by the aggressor, so it never holds the
 * victim's name, the description (which may name them) or anything else about the staff member; only
 * the date, the kind of place and the forms of aggression.
 */
export const municipality = { name: 'Gemeente Medemblik', street: 'Dick Ketlaan 21', town: 'Wognum' };

/**
 * Who decides, and so where an objection goes (Awb 6:4: to the body that decided):
 * - a warning is "een schriftelijke waarschuwing ... van het college" (Bijlage 8A, 8B), and the
 *   invitation to an ordegesprek goes with it;
 * - a ban from the buildings or from contact is the burgemeester's: the protocol has it reported "aan
 *   college, receptie en directe collega's" (Bijlage 7, 8A–8D), so the college is told, not deciding;
 * - refusing someone as representative (Awb 2:2) is for "het college en/of de burgemeester", "het
 *   betreffende bestuursorgaan" (Hoofdstuk 5): the college, whose matters clients bring, unless the
 *   manager changes it in the draft.
 */
export type DecidingBody = 'college' | 'burgemeester';

export const decidingBody: Record<MeasureKind, DecidingBody> = {
  'mondelinge-waarschuwing': 'college',
  'schriftelijke-waarschuwing': 'college',
  ordegesprek: 'college',
  toegangsverbod: 'burgemeester',
  contactverbod: 'burgemeester',
  'weigering-vertegenwoordiger': 'college',
};

const bodyNames: Record<DecidingBody, { name: string; closing: string }> = {
  college: {
    name: 'het college van burgemeester en wethouders van Medemblik',
    closing: 'burgemeester en wethouders van Medemblik,',
  },
  burgemeester: { name: 'de burgemeester van Medemblik', closing: 'de burgemeester van Medemblik,' },
};

/** Where to object: the body that decided (Awb 6:4), at the town hall's address. */
export function objectionText(kind: MeasureKind): string {
  const body = bodyNames[decidingBody[kind]].name;
  const addressee = body.charAt(0).toUpperCase() + body.slice(1);
  return (
    `Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de datum van deze brief bezwaar maken bij ${body}. ` +
    `Stuur uw bezwaarschrift aan: ${addressee}, ${municipality.street}, ${municipality.town}. ` +
    'Zet erin: uw naam en adres, de datum, het kenmerk van deze brief, waarom u het niet eens bent met het besluit, en uw handtekening.'
  );
}

/** Where or how it happened, as a phrase in the letter's first sentence; empty when it is not said. */
export function placePhrase(place: Place): string {
  switch (place.kind) {
    case 'location':
      // "Raadzaal (mobiele knop)": the remark is for the alarm, not for the letter.
      return `in ons gebouw (${place.name.replace(/\s*\([^)]*\)/g, '').trim()})`;
    case 'telefoon':
      return 'aan de telefoon';
    case 'schriftelijk':
      return 'in een brief of e-mail';
    case 'social-media':
      return 'op social media';
    case 'huisbezoek':
      return 'tijdens een huisbezoek';
    case 'openbare-ruimte':
      return 'in de openbare ruimte';
    case 'anders':
      // A free description may name the staff member or their street: the letter leaves it out.
      return '';
  }
}

/** "a", "a en b", "a, b en c" */
export function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

const subjects: Record<MeasureKind, string> = {
  'mondelinge-waarschuwing': 'Schriftelijke bevestiging van de waarschuwing',
  'schriftelijke-waarschuwing': 'Waarschuwing',
  ordegesprek: 'Uitnodiging voor een gesprek over uw gedrag',
  toegangsverbod: 'Toegangsverbod gemeentelijke gebouwen',
  contactverbod: 'Contactverbod',
  'weigering-vertegenwoordiger': 'Weigering als vertegenwoordiger (artikel 2:2 Awb)',
};

export function letterFileName(measure: Pick<MeasureRecord, 'number' | 'kind'>): string {
  return `${measure.number}-${measure.kind}-concept.docx`;
}

function what(report: Pick<IncidentReport, 'forms' | 'place' | 'occurredAt'>): string {
  const forms = dutchList(report.forms.map((form) => formLabels[form].toLowerCase()));
  const place = placePhrase(report.place);
  return `Op ${longDate(localDate(new Date(report.occurredAt)))} heeft u zich ${place ? `${place} ` : ''}misdragen tegenover een medewerker van de gemeente. Het ging om ${forms}.`;
}

function body(measure: MeasureRecord, report: IncidentReport): string[] {
  const period =
    measure.startDate && measure.endDate
      ? `van ${longDate(measure.startDate)} tot en met ${longDate(measure.endDate)}`
      : '[periode]';
  const norm =
    'Medewerkers van de gemeente moeten hun werk veilig kunnen doen. Agressie en geweld accepteren wij niet; na ieder incident volgt een maatregel.';
  switch (measure.kind) {
    case 'mondelinge-waarschuwing':
    case 'schriftelijke-waarschuwing':
      return [
        what(report),
        norm,
        measure.kind === 'mondelinge-waarschuwing'
          ? 'U bent hiervoor mondeling gewaarschuwd. Met deze brief bevestigen wij die waarschuwing.'
          : 'Met deze brief geven wij u een schriftelijke waarschuwing.',
        'Als dit gedrag zich herhaalt, leggen wij u een toegangsverbod of contactverbod op en doen wij zo nodig aangifte.',
      ];
    case 'ordegesprek':
      return [
        what(report),
        norm,
        'Wij nodigen u uit voor een gesprek over uw gedrag en over de afspraken voor uw contact met de gemeente op [datum] om [tijd] in [plaats].',
        'Kunt u niet op dit moment, neem dan vóór [datum] schriftelijk contact met ons op.',
      ];
    case 'toegangsverbod':
      return [
        what(report),
        norm,
        `Daarom besluiten wij u de toegang tot de gebouwen van de gemeente te ontzeggen ${period}.`,
        'Komt u in deze periode toch in een gemeentelijk gebouw, dan wordt u verwijderd en doen wij aangifte van lokaalvredebreuk (artikel 138 Wetboek van Strafrecht).',
        'Heeft u in deze periode iets van de gemeente nodig, dan kunt u ons schrijven. Wij helpen u dan schriftelijk.',
        objectionText(measure.kind),
      ];
    case 'contactverbod':
      return [
        what(report),
        norm,
        `Daarom besluiten wij dat u ${period} geen contact opneemt met de gemeente en haar medewerkers: niet aan de telefoon, niet per e-mail of social media en niet aan de balie.`,
        'Heeft u in deze periode iets van de gemeente nodig, dan kunt u ons per post schrijven. Wij antwoorden schriftelijk.',
        objectionText(measure.kind),
      ];
    case 'weigering-vertegenwoordiger':
      return [
        what(report),
        norm,
        'Op grond van artikel 2:2 van de Algemene wet bestuursrecht weigeren wij u als gemachtigde of vertegenwoordiger van anderen in hun contact met de gemeente.',
        objectionText(measure.kind),
      ];
  }
}

/** Who gets the letter (Bijlage 7): for an access ban the aggressor by post and registered mail, and the police. */
function recipients(measure: MeasureRecord, addressee: string): string[] {
  if (!isBan(measure.kind)) return [];
  return [
    `${addressee}, per gewone post en aangetekend`,
    'De politie (basisteam), ter kennisname',
    'Afschrift: de receptie (met foto, als die er is)',
  ];
}

/** The draft letter as a .docx file. */
export async function letterDocx(measure: MeasureRecord, report: IncidentReport, today: string): Promise<Buffer> {
  const addressee = measure.subject?.name || '[naam van de ontvanger]';
  const line = (text: string, options: { bold?: boolean } = {}) =>
    new Paragraph({ children: [new TextRun({ text, bold: options.bold })], spacing: { after: 120 } });
  const sent = recipients(measure, addressee);
  const children = [
    new Paragraph({ text: municipality.name, heading: HeadingLevel.HEADING_1 }),
    line(`${municipality.street}, ${municipality.town}`),
    line('CONCEPT: controleer, vul aan en verstuur', { bold: true }),
    line(addressee),
    line('[adres]'),
    line(`Datum: ${longDate(today)}`),
    line(`Kenmerk: ${measure.number}`),
    line(`Onderwerp: ${subjects[measure.kind]}`, { bold: true }),
    line('Geachte heer/mevrouw,'),
    ...body(measure, report).map((text) => line(text)),
    line('Hoogachtend,'),
    line(bodyNames[decidingBody[measure.kind]].closing),
    new Paragraph({
      alignment: AlignmentType.LEFT,
      children: [new TextRun('de gemeentesecretaris,'), new TextRun({ text: '\tde burgemeester,' })],
    }),
    line('[naam gemeentesecretaris]\t[naam burgemeester]'),
    ...(sent.length > 0
      ? [line('Dit besluit wordt verzonden aan:', { bold: true }), ...sent.map((text) => line(`- ${text}`))]
      : []),
  ];
  const document = new Document({
    creator: municipality.name,
    title: subjects[measure.kind],
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

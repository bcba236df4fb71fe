import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { formLabels, placeText, type IncidentReport } from '../reports/report-model';
import { localDate } from '../shared/time-format';
import { isBan, longDate, type MeasureKind } from './measure-rules';
import type { MeasureRecord } from './measure-store';

/**
 * Draft letters per measure (Bijlage 3, 7, 8A/8B), in the name of the burgemeester and the
 * gemeentesecretaris, as an editable .docx built with the `docx` library. The manager finishes and
 * sends it. Privacy (seed 000, 3.3): a letter is read by the aggressor, so it never holds the victim's
 * name, the description (which may name them) or anything else about the staff member; only the date,
 * the kind of place and the forms of aggression.
 */
export const municipality = { name: 'Gemeente Medemblik', street: 'Dick Ketlaan 21', town: 'Wognum' };

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

function what(report: IncidentReport): string {
  const forms = report.forms.map((form) => formLabels[form].toLowerCase()).join(', ');
  // A free "anders" description may name the staff member or their street: the letter says "elders".
  const place =
    report.place.kind === 'location'
      ? `in ons gebouw (${placeText(report.place)})`
      : report.place.kind === 'anders'
        ? 'elders'
        : placeText(report.place).toLowerCase();
  return `Op ${longDate(localDate(new Date(report.occurredAt)))} heeft u zich tegenover een medewerker van de gemeente misdragen (${forms}); plaats of manier: ${place}.`;
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
        'Bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de datum van deze brief bezwaar maken bij het college.',
      ];
    case 'contactverbod':
      return [
        what(report),
        norm,
        `Daarom besluiten wij dat u ${period} geen contact opneemt met de gemeente en haar medewerkers: niet aan de telefoon, niet per e-mail of social media en niet aan de balie.`,
        'Heeft u in deze periode iets van de gemeente nodig, dan kunt u ons per post schrijven. Wij antwoorden schriftelijk.',
        'Bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de datum van deze brief bezwaar maken bij het college.',
      ];
    case 'weigering-vertegenwoordiger':
      return [
        what(report),
        norm,
        'Op grond van artikel 2:2 van de Algemene wet bestuursrecht weigeren wij u als gemachtigde of vertegenwoordiger van anderen in hun contact met de gemeente.',
        'Bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de datum van deze brief bezwaar maken bij het college.',
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
    line('burgemeester en wethouders van Medemblik,'),
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

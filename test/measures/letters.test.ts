import JSZip from 'jszip';
import { dutchList, letterDocx, letterFileName, placePhrase } from '../../bot/measures/letters';
import { adviceFor } from '../../bot/reports/notify-report';
import { incidentCard } from '../../bot/reports/report-cards';
import { measureKinds, type MeasureKind } from '../../bot/measures/measure-rules';
import type { MeasureRecord } from '../../bot/measures/measure-store';
import type { Place } from '../../bot/reports/report-model';
import { reportFixture } from '../dagstart/fixtures';

/** The text of a .docx as Word shows it: the paragraphs of word/document.xml, tags off. */
async function docxText(file: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const xml = (await zip.file('word/document.xml')?.async('string')) as string;
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

const report = reportFixture({
  subject: { kind: 'colleague', victim: { id: '29:mo', name: 'Mohamed El Amrani' } },
  description: 'Hij riep dat hij Mohamed thuis zou opzoeken in de Dorpsstraat.',
  occurredAt: '2026-11-24T08:50:00.000Z',
});

function measure(kind: MeasureKind, extra: Partial<MeasureRecord> = {}): MeasureRecord {
  return {
    id: `AGR-2026-0042-m${kind}`,
    number: 'AGR-2026-0042',
    kind,
    aangifte: { status: 'nog-niet' },
    decidedBy: { id: '29:lotte', name: 'Lotte Jansen' },
    decidedAt: '2026-11-24T10:00:00.000Z',
    letterKey: 'k'.repeat(24),
    ...(kind === 'toegangsverbod' || kind === 'contactverbod'
      ? { startDate: '2026-11-24', endDate: '2027-11-23', subject: { name: 'Karel Klaassen' } }
      : {}),
    ...extra,
  };
}

describe('draft letters (Bijlage 3, 7, 8)', () => {
  const subjects: Record<MeasureKind, string> = {
    'mondelinge-waarschuwing': 'Onderwerp: Schriftelijke bevestiging van de waarschuwing',
    'schriftelijke-waarschuwing': 'Onderwerp: Waarschuwing',
    ordegesprek: 'Onderwerp: Uitnodiging voor een gesprek over uw gedrag',
    toegangsverbod: 'Onderwerp: Toegangsverbod gemeentelijke gebouwen',
    contactverbod: 'Onderwerp: Contactverbod',
    'weigering-vertegenwoordiger': 'Onderwerp: Weigering als vertegenwoordiger (artikel 2:2 Awb)',
  };

  test.each(measureKinds)('%s: filled from the incident, signed, nothing about the victim', async (kind) => {
    const text = await docxText(await letterDocx(measure(kind), report, '2026-11-25'));
    expect(text).toContain(subjects[kind]);
    expect(text).toContain('Kenmerk: AGR-2026-0042');
    expect(text).toContain('Datum: 25 november 2026');
    expect(text).toContain(
      'Op 24 november 2026 heeft u zich in ons gebouw (Publieksbalie 1, gebouw Noord) misdragen tegenover een medewerker van de gemeente. Het ging om verbaal geweld en intimidatie of bedreiging.',
    );
    expect(text).not.toContain('plaats of manier');
    expect(text).toContain('de gemeentesecretaris,');
    expect(text).toContain('de burgemeester,');
    expect(text).toContain('CONCEPT');
    for (const secret of [
      'Mohamed',
      'El Amrani',
      'Fatima',
      'Yilmaz',
      'Dorpsstraat',
      'opzoeken',
      'Pieter Bakker',
      'Lotte',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(letterFileName(measure(kind))).toBe(`AGR-2026-0042-${kind}-concept.docx`);
  });

  test('an access ban names its period and the recipients of Bijlage 7', async () => {
    const text = await docxText(await letterDocx(measure('toegangsverbod'), report, '2026-11-25'));
    expect(text).toContain(
      'de toegang tot de gebouwen van de gemeente te ontzeggen van 24 november 2026 tot en met 23 november 2027',
    );
    expect(text).toContain('lokaalvredebreuk');
    expect(text).toContain('bezwaar');
    expect(text).toContain('- Karel Klaassen, per gewone post en aangetekend');
    expect(text).toContain('- De politie (basisteam), ter kennisname');
  });

  // Awb 6:4: an objection goes to the body that decided. Warnings are the college's (Bijlage 8A/8B: "een
  // schriftelijke waarschuwing ... van het college"); bans the burgemeester's (Bijlage 7, 8: reported "aan
  // college"); refusing a representative: "het betreffende bestuursorgaan" (Hoofdstuk 5), the college.
  test.each<[MeasureKind, string | undefined, string]>([
    ['toegangsverbod', 'bij de burgemeester van Medemblik', 'de burgemeester van Medemblik,'],
    ['contactverbod', 'bij de burgemeester van Medemblik', 'de burgemeester van Medemblik,'],
    [
      'weigering-vertegenwoordiger',
      'bij het college van burgemeester en wethouders van Medemblik',
      'burgemeester en wethouders van Medemblik,',
    ],
    ['schriftelijke-waarschuwing', undefined, 'burgemeester en wethouders van Medemblik,'],
    ['ordegesprek', undefined, 'burgemeester en wethouders van Medemblik,'],
  ])('%s: objection %s, signed for %s', async (kind, objectTo, closing) => {
    const text = await docxText(await letterDocx(measure(kind), report, '2026-11-25'));
    expect(text).toContain(`\n${closing}\n`);
    if (objectTo) {
      expect(text).toContain(`binnen zes weken na de datum van deze brief bezwaar maken ${objectTo}.`);
      expect(text).toContain('Dick Ketlaan 21, Wognum');
    } else {
      expect(text).not.toContain('bezwaar');
    }
  });

  test.each<[string, Place, string]>([
    ['a registered location', { kind: 'location', name: 'Spreekkamer NBG24' }, 'in ons gebouw (Spreekkamer NBG24)'],
    ['the mobile button', { kind: 'location', name: 'Raadzaal (mobiele knop)' }, 'in ons gebouw (Raadzaal)'],
    ['by phone', { kind: 'telefoon' }, 'aan de telefoon'],
    ['in writing', { kind: 'schriftelijk' }, 'in een brief of e-mail'],
    ['online', { kind: 'social-media' }, 'op social media'],
    ['a home visit', { kind: 'huisbezoek' }, 'tijdens een huisbezoek'],
    ['in public', { kind: 'openbare-ruimte' }, 'in de openbare ruimte'],
    ['elsewhere (may name the staff member)', { kind: 'anders', description: 'bij Mohamed thuis' }, ''],
  ])('the place reads as a phrase: %s', (_name, place, phrase) => {
    expect(placePhrase(place)).toBe(phrase);
  });

  test('elsewhere: the sentence leaves the place out and still reads', async () => {
    const elsewhere = { ...report, place: { kind: 'anders' as const, description: 'bij Mohamed thuis' } };
    const text = await docxText(await letterDocx(measure('schriftelijke-waarschuwing'), elsewhere, '2026-11-25'));
    expect(text).toContain('Op 24 november 2026 heeft u zich misdragen tegenover een medewerker van de gemeente.');
    expect(text).not.toContain('Mohamed');
  });

  test.each([
    [['verbaal geweld'], 'verbaal geweld'],
    [['verbaal geweld', 'stalken'], 'verbaal geweld en stalken'],
    [['a', 'b', 'c'], 'a, b en c'],
  ])('%j reads as "%s"', (items, text) => {
    expect(dutchList(items)).toBe(text);
  });

  test('a warning goes to the aggressor only', async () => {
    const text = await docxText(await letterDocx(measure('schriftelijke-waarschuwing'), report, '2026-11-25'));
    expect(text).not.toContain('Dit besluit wordt verzonden aan');
    expect(text).toContain('[naam van de ontvanger]');
  });
});

describe('the manager records the measure from the report card', () => {
  test.each([
    ['manager', true],
    ['halteam', false],
    ['po', false],
    ['oov', false],
  ] as const)('%s card has the button: %s', (audience, shown) => {
    const card = JSON.stringify(incidentCard({ report, audience, aangifte: adviceFor(report) }));
    expect(card.includes('"verb":"measure.open"')).toBe(shown);
    if (shown) expect(card).toContain('"title":"Maatregel vastleggen"');
  });
});

/**
 * The privacy statement and the terms of use the Teams manifest links to (developer.privacyUrl and
 * developer.termsOfUseUrl): plain Dutch HTML, rendered once from the configuration, no scripts and
 * nothing loaded from elsewhere, readable on a phone.
 *
 * What they say follows what the bot does: who sees what is the protocol's list (domain brief,
 * "People and roles"; report-cards.ts per audience; overview-access.ts for the Overzicht tab), and
 * the retention is MEASURES_RETENTION_MONTHS (measures/retention.ts). Change the text when those change.
 */
import { createHash } from 'node:crypto';

/** Where the pages are served; manifest/manifest.json points at the same paths. */
export const legalPaths = { privacy: '/privacy', terms: '/voorwaarden' } as const;

export interface LegalSettings {
  /** MEASURES_RETENTION_MONTHS: months the aggressor's data are kept after the last measure ends. */
  retentionMonths: number;
  /** PRIVACY_CONTACT: the privacy officer's e-mail address or web page; absent: a general text. */
  privacyContact?: string;
}

export interface RenderedPage {
  html: string;
  /** The Content-Security-Policy that lets exactly this page's own style block apply. */
  contentSecurityPolicy: string;
}

const style = `
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #242424; background: #fff; }
main { max-width: 42rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; color: #a4262c; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
ul { padding-left: 1.25rem; }
li { margin: 0.35rem 0; }
a { color: #0f6cbd; overflow-wrap: anywhere; }
.kern { background: #f5f5f5; border-left: 4px solid #a4262c; padding: 0.75rem 1rem; }
footer { margin-top: 2.5rem; font-size: 0.9rem; color: #616161; }
`.trim();

const styleHash = createHash('sha256').update(style).digest('base64');
const contentSecurityPolicy = [
  "default-src 'none'",
  `style-src 'sha256-${styleHash}'`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function months(count: number): string {
  return count === 1 ? '1 maand' : `${count} maanden`;
}

/** Who answers questions about personal data: the privacy officer, with the configured contact as a link. */
function privacyOfficer(contact: string | undefined): string {
  const who = 'de functionaris gegevensbescherming (de privacyfunctionaris) van de gemeente';
  if (!contact) return `${who}. Weet je niet hoe je die bereikt? Je leidinggevende of P&amp;O helpt je verder.`;
  const href = /^https?:\/\//i.test(contact) ? contact : `mailto:${contact}`;
  return `${who}: <a href="${escapeHtml(href)}">${escapeHtml(contact)}</a>.`;
}

function page(title: string, body: string): RenderedPage {
  const html = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – Halteam</title>
<style>${style}</style>
</head>
<body>
<main>
${body.trim()}
</main>
</body>
</html>
`;
  return { html, contentSecurityPolicy };
}

export function privacyPage(settings: LegalSettings): RenderedPage {
  const retention = months(settings.retentionMonths);
  return page(
    'Privacy',
    `
<h1>Privacy bij Halteam</h1>
<p>Halteam is de Teams-app van de gemeente voor het agressieprotocol: het alarm van de noodknop en de
paniekknop, het melden van een incident, de nazorg en de maatregelen. Hier lees je welke gegevens de app
bewaart, wie ze ziet, hoe lang ze bewaard blijven en bij wie je met vragen terechtkunt.</p>

<p class="kern">De app deelt niet meer over jou dan nodig is voor de taak. Niets wat de app maakt of
verstuurt, ook de brief aan de agressor niet, noemt jouw naam tegenover de agressor.</p>

<h2>Wat de app bewaart</h2>
<ul>
<li><strong>Alarmen</strong>: welke knop, waar en wanneer; wie van het Halteam eraan kwam en hoe het alarm
is afgehandeld.</li>
<li><strong>Meldingen van agressie</strong> (het meldingsformulier): wanneer en waar het gebeurde, wat er
gebeurde, de naam van de medewerker die het overkwam (en van de collega die meldde, als dat iemand anders
was), de leidinggevende, getuigen, letsel en schade, of de politie kwam en of er aangifte wordt gedaan. En,
als dat bekend is, wie de agressor is: de naam of een omschrijving.</li>
<li><strong>Maatregelen</strong> tegen de agressor: welke maatregel, van wanneer tot wanneer, wie besliste,
en bij een toegangsverbod de naam (en eventueel een foto) die de receptie nodig heeft. Bij schade: het
bedrag en hoe het verhalen ervan gaat.</li>
<li><strong>Nazorg</strong>: de drie nazorggesprekken (wanneer ze in de agenda van de leidinggevende
staan) en het nazorgformulier dat de leidinggevende samen met jou invult. In de agenda-afspraak staan
alleen het gesprek en het incidentnummer, niet wat er gebeurde.</li>
<li><strong>Het Halteam</strong>: wie aanwezig of afwezig is, en het rooster.</li>
<li><strong>Huisbezoeken</strong>: wanneer je vertrok en terug was, tot hoe laat, met wie, en je antwoorden
op de risicovragen. Het adres alleen zolang het bezoek open staat; daarna alleen de wijk. Je telefoonnummer
en leidinggevende als je die opgaf, zodat het Halteam je kan bellen.</li>
<li><strong>Vermoedens van agressie</strong>: over wie, wat je opviel en wat je van plan was, voor je
leidinggevende.</li>
<li><strong>Wie wat heeft ingezien</strong>: elke keer dat iemand in het overzicht een incident opent of
exporteert, legt de app vast wie dat was en wanneer.</li>
<li>Om berichten te kunnen sturen: je naam en je account-id in Teams.</li>
</ul>
<p>Alles staat in de eigen Azure-omgeving van de gemeente. Berichten en kaarten die de app in Teams
plaatst, staan daarnaast in Teams zelf.</p>

<h2>Wie wat ziet</h2>
<ul>
<li><strong>Het Halteam</strong> (in het Halteam-kanaal): elk alarm met de plek, en elke melding met de naam
van de medewerker en wat er gebeurde. Wie de agressor is, zet de app er niet bij. Het adres van een
huisbezoek alleen als er alarm is, en het verdwijnt van de kaart als je terug bent.</li>
<li><strong>De leidinggevende</strong> van de medewerker: de hele melding, ook wie de agressor is. De
leidinggevende plant de nazorg en beslist over maatregelen.</li>
<li><strong>P&amp;O</strong>: een afschrift van elke melding voor de registratie, met de naam van de
medewerker. Wie de agressor is, zet de app er niet bij.</li>
<li><strong>De beleidsmedewerker Openbare Orde en Veiligheid</strong>: bericht als er aangifte nodig is:
wanneer, waar en wat voor incident, zonder de naam van de medewerker.</li>
<li><strong>De receptie</strong>: bij een toegangsverbod de naam van de persoon voor wie het verbod geldt, en
tot wanneer. Nooit de naam van de medewerker.</li>
<li><strong>De dagstart</strong>: het incident als onderwerp (wanneer, waar, wat voor incident). Je naam
alleen als je daar in de melding mee instemde.</li>
<li><strong>Het overzicht</strong> in de app: de coördinator van het Halteam en de beheerders van de app
zien alle incidenten, met de namen van medewerker en agressor; P&amp;O ziet alle incidenten met de naam
van de medewerker, zonder de agressor; het MO en de Arbo-coördinator zien alleen aantallen, plekken en soorten incidenten, zonder namen; een
leidinggevende ziet de incidenten waarbij hij of zij de leidinggevende is.</li>
</ul>
<p>Niemand anders ziet deze gegevens via de app. Het technisch beheer van de gemeente kan bij de opslag,
voor onderhoud en storingen.</p>

<h2>Hoe lang</h2>
<ul>
<li><strong>Gegevens over de agressor</strong> (de naam of omschrijving in de melding, de vrije tekst van
de melding, en de naam en foto bij de receptie): tot <strong>${retention}</strong> na het einde van de
laatste maatregel, of na het incident als er geen maatregel was. Zo lang zijn ze nodig om de maatregel uit
te voeren en om te zien of iemand binnen een jaar opnieuw agressief is. Daarna haalt de app ze 's nachts vanzelf weg; het incident blijft
zonder die gegevens bewaard voor de jaarlijkse evaluatie.</li>
<li><strong>Huisbezoeken en vermoedens</strong>: het adres gaat weg zodra je terug bent (of uiterlijk twaalf
uur na de afgesproken tijd); het bezoek zelf en een vermoeden blijven <strong>${retention}</strong>
bewaard en worden daarna vanzelf verwijderd.</li>
<li><strong>Alle andere gegevens</strong> (meldingen met de naam van de medewerker, alarmen, nazorg, wie
wat inzag): de app haalt ze niet vanzelf weg. De gemeente bepaalt hoe lang ze bewaard blijven; vraag
ernaar bij de privacyfunctionaris.</li>
<li>Voor berichten in Teams geldt het bewaarbeleid van Teams in de gemeente.</li>
</ul>

<h2>Waarom de gemeente dit mag</h2>
<p>De gemeente moet als werkgever haar medewerkers beschermen tegen agressie en geweld. Dat staat in de
Arbeidsomstandighedenwet. Het melden en registreren van incidenten, de nazorg en het bijhouden van
maatregelen horen daarbij. Voor de privacywet (de AVG) is dat een wettelijke plicht. Maatregelen tegen een
bezoeker, zoals een toegangsverbod, neemt de gemeente als overheid, om de veiligheid in haar gebouwen te
bewaken: een taak van algemeen belang. De app gebruikt de gegevens voor niets anders.</p>

<h2>Je rechten</h2>
<p>Je mag vragen welke gegevens de app over jou bewaart en wie ze heeft ingezien, en je mag vragen om
gegevens te verbeteren of te laten weghalen. Ben je het niet eens met hoe de gemeente met je gegevens
omgaat, dan kun je een klacht indienen bij de Autoriteit Persoonsgegevens.</p>

<h2>Vragen</h2>
<p>Stel je vraag aan ${privacyOfficer(settings.privacyContact)}</p>

<footer>Zie ook de <a href="${legalPaths.terms}">gebruiksvoorwaarden</a>.</footer>
`,
  );
}

export function termsPage(settings: LegalSettings): RenderedPage {
  return page(
    'Gebruiksvoorwaarden',
    `
<h1>Gebruiksvoorwaarden van Halteam</h1>
<p>Halteam is de Teams-app van de gemeente voor het agressieprotocol. Deze voorwaarden gelden voor
iedereen die de app gebruikt.</p>

<p class="kern">Is er direct gevaar? Bel 112. De app helpt je, maar vervangt 112 niet.</p>

<h2>Wie de app gebruikt</h2>
<p>Medewerkers en bestuurders van de gemeente, met hun eigen werkaccount in Teams. Gebruik de app niet met
het account van een ander.</p>

<h2>Waarvoor</h2>
<p>Alleen voor het agressieprotocol: een alarm opvolgen, een incident melden, de nazorg regelen en
maatregelen vastleggen. Gebruik de app en wat je erin ziet niet voor iets anders.</p>

<h2>Zorgvuldig omgaan met wat je ziet</h2>
<ul>
<li>Wat je in de app leest over collega's en incidenten is vertrouwelijk. Deel het alleen met wie het voor
het werk nodig heeft.</li>
<li>Noem de naam van een collega nooit tegenover de agressor.</li>
<li>Vul een melding zo volledig en juist mogelijk in. Klopt er later iets niet, vraag dan je leidinggevende
om het te verbeteren.</li>
</ul>

<h2>Als de app niet werkt</h2>
<p>De gemeente doet haar best om de app altijd beschikbaar te houden, maar kan dat niet beloven. Werkt
Teams of de app niet, volg dan het agressieprotocol zoals je het kent: waarschuw het Halteam en je
collega's op een andere manier, en meld het incident later alsnog. Meld een storing bij de ICT-servicedesk
van de gemeente.</p>

<h2>Privacy</h2>
<p>Welke gegevens de app bewaart, wie ze ziet en hoe lang, lees je in de
<a href="${legalPaths.privacy}">privacyverklaring</a>.</p>

<h2>Vragen</h2>
<p>Over het gebruik van de app: je leidinggevende of de coördinator van het Halteam. Over je gegevens:
${privacyOfficer(settings.privacyContact)}</p>

<h2>Wijzigingen</h2>
<p>De gemeente kan deze voorwaarden aanpassen. De geldende versie staat altijd op deze pagina.</p>
`,
  );
}

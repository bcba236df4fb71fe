/**
 * /privacy and /voorwaarden: the pages the Teams manifest links to. Served by the real app without
 * sign-in (also when the bot authenticates Teams), in Dutch, with the configured retention and
 * privacy contact, as plain cacheable HTML that loads nothing from elsewhere.
 */
import { legalPaths } from '../../bot/legal';
import { privacyPage, termsPage } from '../../bot/legal/legal-pages';
import { startTestApp, stopAllTestApps } from '../support/test-app';

/** The visible text of a page: tags removed, entities decoded, whitespace folded. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the privacy and terms pages', () => {
  afterEach(stopAllTestApps);

  it('are served by the app without sign-in, in Dutch, with the configured retention and contact', async () => {
    const test = await startTestApp({
      env: {
        // Teams authentication on: the pages still need none.
        MICROSOFT_APP_ID: 'a1b2c3',
        MICROSOFT_APP_PASSWORD: 'secret',
        MICROSOFT_APP_TENANT_ID: 'tenant',
        MEASURES_RETENTION_MONTHS: '36',
        PRIVACY_CONTACT: 'privacy@gemeente.example',
      },
    });

    const privacy = await fetch(`${test.url}${legalPaths.privacy}`);
    expect(privacy.status).toBe(200);
    expect(privacy.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(privacy.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const html = await privacy.text();
    const text = textOf(html);
    expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(text).toContain('Privacy bij Halteam');
    expect(text).toContain('tot 36 maanden na het einde van de laatste maatregel');
    expect(html).toContain('<a href="mailto:privacy@gemeente.example">privacy@gemeente.example</a>');
    // What is stored, who sees it, why, whom to ask.
    for (const heading of ['Wat de app bewaart', 'Wie wat ziet', 'Hoe lang', 'Waarom de gemeente dit mag', 'Vragen']) {
      expect(text).toContain(heading);
    }
    for (const role of ['Halteam', 'leidinggevende', 'P&O', 'Openbare Orde en Veiligheid', 'receptie', 'MO']) {
      expect(text).toContain(role);
    }
    expect(text).toContain('functionaris gegevensbescherming');

    const terms = await fetch(`${test.url}${legalPaths.terms}`);
    expect(terms.status).toBe(200);
    expect(terms.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const termsText = textOf(await terms.text());
    expect(termsText).toContain('Gebruiksvoorwaarden van Halteam');
    expect(termsText).toContain('Bel 112');
    expect(termsText).toContain('privacy@gemeente.example');
  });

  it('answers a repeated request with 304 and a HEAD request without a body', async () => {
    const test = await startTestApp();
    const first = await fetch(`${test.url}${legalPaths.privacy}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    await first.text();

    const again = await fetch(`${test.url}${legalPaths.privacy}`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const head = await fetch(`${test.url}${legalPaths.terms}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await head.text()).toBe('');
  });

  it('shows the default retention and a general contact text when nothing is configured', async () => {
    const test = await startTestApp();
    const text = textOf(await (await fetch(`${test.url}${legalPaths.privacy}`)).text());
    expect(text).toContain('tot 24 maanden na het einde van de laatste maatregel');
    expect(text).toContain('functionaris gegevensbescherming (de privacyfunctionaris) van de gemeente.');
    expect(text).toContain('Je leidinggevende of P&O helpt je verder');
  });

  it('load nothing from elsewhere and allow only their own style', () => {
    for (const page of [
      privacyPage({ retentionMonths: 24 }),
      termsPage({ retentionMonths: 24, privacyContact: 'https://gemeente.example/privacy' }),
    ]) {
      expect(page.html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import|url\(/i);
      expect(page.contentSecurityPolicy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    }
  });

  it('links a web page contact as it is and escapes what it shows', () => {
    const web = privacyPage({ retentionMonths: 1, privacyContact: 'https://gemeente.example/privacy?a=1&b=2' });
    expect(web.html).toContain(
      '<a href="https://gemeente.example/privacy?a=1&amp;b=2">https://gemeente.example/privacy?a=1&amp;b=2</a>',
    );
    expect(textOf(web.html)).toContain('tot 1 maand na');
    const odd = privacyPage({ retentionMonths: 12, privacyContact: '"><script>x</script>@example.nl' });
    expect(odd.html).not.toContain('<script>');
  });
});

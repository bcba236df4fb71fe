import { createHash } from 'node:crypto';
import type restify from 'restify';
import type { AppConfig } from '../config/config-schema';
import type { CapabilityModule } from '../shared/capability';
import { legalPaths, privacyPage, termsPage, type LegalSettings, type RenderedPage } from './legal-pages';

export { legalPaths } from './legal-pages';

/** An hour: the pages change only with a new deployment or a changed setting (a restart). */
const CACHE_CONTROL = 'public, max-age=3600';

function serve(server: restify.Server, path: string, page: RenderedPage): void {
  const body = Buffer.from(page.html, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': CACHE_CONTROL,
    ETag: etag,
    'Content-Security-Policy': page.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  const handler = async (req: restify.Request, res: restify.Response) => {
    const cached = req.headers['if-none-match'];
    if (cached && cached.split(',').some((tag) => tag.trim() === etag)) {
      res.writeHead(304, { 'Cache-Control': CACHE_CONTROL, ETag: etag });
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  server.get(path, handler);
  server.head(path, handler);
}

/** The routes of the privacy statement and the terms of use (no sign-in: the manifest links to them). */
export function legalRoutes(settings: LegalSettings): (server: restify.Server) => void {
  const privacy = privacyPage(settings);
  const terms = termsPage(settings);
  return (server) => {
    serve(server, legalPaths.privacy, privacy);
    serve(server, legalPaths.terms, terms);
  };
}

/** `/privacy` and `/voorwaarden`: Dutch pages with the configured retention and privacy contact. */
export function createLegalModule(
  config: Pick<AppConfig, 'MEASURES_RETENTION_MONTHS' | 'PRIVACY_CONTACT'>,
): CapabilityModule {
  return {
    name: 'legal',
    routes: [
      legalRoutes({ retentionMonths: config.MEASURES_RETENTION_MONTHS, privacyContact: config.PRIVACY_CONTACT }),
    ],
  };
}

import type restify from 'restify';
import { perClientLimit } from '../platform/http/request-guards';
import { localDate } from '../shared/time-format';
import { letterDocx, letterFileName } from './letters';
import type { MeasuresDeps } from './measures-deps';

export const letterLinkValidMs = 7 * 24 * 60 * 60 * 1000;

/** `GET /api/measures/letters/:key`: the draft letter as an editable .docx, for the week after the decision. */
export function letterRoute(deps: Pick<MeasuresDeps, 'store' | 'reports' | 'clock'>) {
  return (server: restify.Server) => {
    // Anyone may call this without signing in: at most 30 downloads a minute per client (429 after).
    const throttle = perClientLimit({ points: 30, durationSeconds: 60 });
    server.get('/api/measures/letters/:key', throttle, async (req: restify.Request, res: restify.Response) => {
      const key = String(req.params.key ?? '');
      const measure = /^[A-Za-z0-9_-]{20,40}$/.test(key) ? await deps.store.byLetterKey(key) : undefined;
      const stored = measure && !measure.purgedAt ? await deps.reports.get(measure.number) : undefined;
      if (!measure || !stored) {
        res.send(404, { error: 'not found' });
        return;
      }
      // The link carries the aggressor's name without a sign-in: it works only for the week after the decision.
      const decidedAt = measure.changedAt ?? measure.decidedAt;
      if (deps.clock.now().getTime() - new Date(decidedAt).getTime() > letterLinkValidMs) {
        res.send(410, { error: 'this letter link has expired; ask the bot for the measure again' });
        return;
      }
      const file = await letterDocx(measure, stored.report, localDate(deps.clock.now()));
      res.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': `attachment; filename="${letterFileName(measure)}"`,
        'cache-control': 'no-store',
      });
      res.end(file);
    });
  };
}

/**
 * The bot as `npm start` runs it (bot/dev/start.ts starts `dist/bot/dev/dev-main.js`): production's
 * entry point, bot/main.ts, with the same settings and code, plus the one thing only development has:
 * the playground's mock users (`.m365agentsplayground.yml`) for the Overzicht tab's development
 * sign-in. They reach the overview through the composition root (createApp's `devUsers`).
 *
 * Why here and not in the overview: reading the playground file needs the dev dependency `yaml`.
 * Production (`node dist/bot/main.js` after `npm prune --omit=dev`) must never load bot/dev/, so the
 * dev-only part composes the production part, never the other way round (the lint enforces it).
 */
import path from 'node:path';
import { runBot } from '../main';
import { readMockTenant } from './mock-tenant';

const projectRoot = path.resolve(__dirname, '../../..');
const tenant = readMockTenant(path.join(projectRoot, '.m365agentsplayground.yml'));

runBot({
  devUsers: [tenant.currentUser, ...tenant.users].map((user) => ({
    aadObjectId: user.aadObjectId,
    name: user.name,
    email: user.email,
  })),
});

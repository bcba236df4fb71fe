import { z } from 'zod';
import type { Clock } from '../shared/clock';
import { defineCardAction } from '../shared/card-actions';
import type { CardAction, CardActionResult } from '../shared/commands';
import type { Logger } from '../shared/logger';
import { samePerson } from '../shared/people';
import { managerCard, type DeliveryDeps } from './notify-report';
import type { ReportStore } from './report-store';

export const samePersonVerb = 'report.same-person';

const samePersonData = z.object({
  number: z.string().min(1).max(40),
  other: z.string().min(1).max(40),
  same: z.enum(['ja', 'nee']),
});

export interface SamePersonDeps extends Pick<DeliveryDeps, 'settings'> {
  store: Pick<ReportStore, 'get' | 'answerSamePerson' | 'factsSince'>;
  clock: Clock;
  logger: Logger;
}

/**
 * "Is de agressor dezelfde persoon als bij AGR-…?" on the manager's report card (repeat-rules.ts):
 * the answer is stored with the report and the card comes back with the advice as it now stands.
 */
export function samePersonAction(deps: SamePersonDeps): CardAction {
  return defineCardAction({
    verb: samePersonVerb,
    data: samePersonData,
    async handle(data, context): Promise<CardActionResult> {
      const stored = await deps.store.get(data.number);
      if (!stored) return { message: `Melding ${data.number} ken ik niet.` };
      const { manager } = stored.report;
      const actor = context.actor;
      // The manager, or a Halteam coordinator (bot admins count) for any report.
      const mayAnswer = samePerson(actor, manager) || (await context.roles()).has('halteam-coordinator');
      if (!mayAnswer) {
        return { message: 'Alleen de leidinggevende van deze melding of de coördinator beantwoordt deze vraag.' };
      }
      if (!(await deps.store.get(data.other))) return { message: `Melding ${data.other} ken ik niet.` };
      const report = await deps.store.answerSamePerson(data.number, {
        number: data.other,
        same: data.same === 'ja',
        by: actor.name,
        at: deps.clock.now().toISOString(),
      });
      if (!report) return { message: `Melding ${data.number} ken ik niet.` };
      deps.logger.info({ number: data.number, other: data.other, same: data.same }, 'same-person question answered');
      return { card: await managerCard(report, { store: deps.store, settings: deps.settings }) };
    },
  });
}

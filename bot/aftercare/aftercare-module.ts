import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ReportFollowUp } from '../reports';
import type { ReportStore } from '../reports';
import type { CapabilityModule } from '../shared/capability';
import { defineCardAction } from '../shared/card-actions';
import type { Command } from '../shared/commands';
import type { WorkingCalendar } from '../shared/working-days';
import { isPerson, type AftercareDeps } from './aftercare-deps';
import { planCard, slotText } from './aftercare-cards';
import { isOverdue } from './follow-up-rules';
import {
  formData,
  formOverdueJob,
  overdueAftercare,
  remindOverdueForm,
  remindTalk,
  sendForm,
  storeForm,
  talkFormJob,
  talkReminderJob,
  type OverdueAftercare,
} from './follow-talks';
import { offerAftercare, otherTimes, planSelf, scheduleTalks } from './plan-aftercare';

export type { OverdueAftercare } from './follow-talks';

export interface AftercareModuleDeps extends Omit<AftercareDeps, 'newId' | 'workingDays'> {
  /** The app's calendar of working days (EXTRA_CLOSING_DAYS); without it the standard one. */
  workingDays: WorkingCalendar;
  /** Submitted reports, to offer aftercare later with `nazorg <nummer>`. */
  reports: Pick<ReportStore, 'get'>;
  newId?: () => string;
}

export type AftercareModule = CapabilityModule & {
  /** The hook the reports capability calls when a report is submitted. */
  followUp: ReportFollowUp;
  /** For the dagstart digest: the number of overdue nazorgformulieren (no names). */
  overdue: OverdueAftercare;
};

const planRef = z.object({ number: z.string().min(1).max(40), proposalId: z.string().min(1).max(64) });

/**
 * Aftercare (nazorg, protocol Bijlage 5): the three talks planned in the manager's calendar, the
 * agenda a working day before each, the nazorgformulier after, and a reminder when it is missing.
 */
export function createAftercareModule(input: AftercareModuleDeps): AftercareModule {
  const deps: AftercareDeps = {
    store: input.store,
    calendar: input.calendar,
    messenger: input.messenger,
    scheduler: input.scheduler,
    clock: input.clock,
    logger: input.logger,
    workingDays: input.workingDays,
    newId: input.newId ?? (() => randomUUID()),
  };

  const actions = [
    defineCardAction({
      verb: 'aftercare.plan',
      data: planRef,
      handle: (data, context) => scheduleTalks(data, context.actor, deps),
    }),
    defineCardAction({
      verb: 'aftercare.other',
      data: planRef,
      handle: (data, context) => otherTimes(data, context.actor, deps),
    }),
    defineCardAction({
      verb: 'aftercare.self',
      data: planRef,
      handle: (data, context) => planSelf(data, context.actor, deps),
    }),
    defineCardAction({
      verb: 'aftercare.form',
      data: formData,
      handle: (data, context) => storeForm(data, context.actor, deps),
    }),
  ];

  const nazorg: Command = {
    name: 'nazorg',
    description: 'De drie nazorggesprekken na een incident plannen en volgen (voor leidinggevenden).',
    usage: 'nazorg AGR-2026-0001',
    scopes: ['personal'],
    async handle(context) {
      const number = context.args.trim().toUpperCase();
      if (!number) {
        const mine = (await input.store.all()).filter((plan) => isPerson(context.actor, plan.manager));
        if (mine.length === 0) {
          await context.reply({
            text: 'Je hebt geen nazorg lopen. Typ **nazorg** gevolgd door het incidentnummer, bijvoorbeeld **nazorg AGR-2026-0001**.',
          });
          return;
        }
        const now = input.clock.now();
        const lines = mine.map((plan) => {
          const talks = plan.talks.map((talk) => {
            const status =
              talk.state === 'cancelled'
                ? 'afgezegd'
                : talk.form
                  ? 'formulier ingevuld'
                  : isOverdue(talk, now, deps.workingDays)
                    ? '**formulier te laat**'
                    : 'gepland';
            return `gesprek ${talk.talk} ${slotText(talk.start, talk.end)}: ${status}`;
          });
          const state =
            plan.state === 'scheduled'
              ? talks.join('; ')
              : plan.state === 'self'
                ? 'je plant zelf'
                : 'nog niet ingepland';
          return `- **${plan.number}** met ${plan.employee.name}: ${state}`;
        });
        await context.reply({ text: `Jouw nazorg:\n\n${lines.join('\n')}` });
        return;
      }
      const plan = await input.store.get(number);
      if (plan) {
        if (!isPerson(context.actor, plan.manager)) {
          await context.reply({ text: `Alleen de leidinggevende van ${number} plant de nazorg.` });
          return;
        }
        if (plan.state === 'scheduled') {
          await context.reply({ card: planCard(plan, deps.workingDays) });
          return;
        }
      }
      const stored = await input.reports.get(number);
      if (!stored) {
        await context.reply({
          text: `Ik ken geen incident ${number}. Controleer het nummer (bijvoorbeeld AGR-2026-0001).`,
        });
        return;
      }
      if (!isPerson(context.actor, stored.report.manager)) {
        await context.reply({ text: `Alleen de leidinggevende van ${number} plant de nazorg.` });
        return;
      }
      // Asked for by the manager: fresh times and a new card, even when an earlier one went out.
      await offerAftercare(stored.report, deps, { again: true });
    },
  };

  return {
    name: 'aftercare',
    commands: [nazorg],
    cardActions: actions,
    jobs: [
      talkReminderJob.runBy((payload) => remindTalk(payload, deps)),
      talkFormJob.runBy((payload) => sendForm(payload, deps)),
      formOverdueJob.runBy((payload) => remindOverdueForm(payload, deps)),
    ],
    followUp: {
      name: 'aftercare',
      async onSubmitted(report) {
        await offerAftercare(report, deps);
      },
    },
    overdue: overdueAftercare(input.store, deps.workingDays),
  };
}

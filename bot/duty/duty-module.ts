import { DateTime } from 'luxon';
import { z } from 'zod';
import rosterTemplate from '../../cards/halteam-roster.json';
import { renderCard } from '../platform/cards/render-card';
import { defineJob, type Job, type JobRequest, type JobScheduler } from '../shared/jobs';
import type { CapabilityModule } from '../shared/capability';
import type { Clock } from '../shared/clock';
import { defineCardAction } from '../shared/card-actions';
import type { Actor, CardAction, Command } from '../shared/commands';
import type { Logger } from '../shared/logger';
import type { AdaptiveCard, Messenger, OutgoingMessage, TeamMember } from '../shared/messenger';
import { knownAs, samePerson } from '../shared/people';
import { localDate, zone } from '../shared/time-format';
import type { WorkingCalendar } from '../shared/working-days';
import {
  coverageOf,
  dutyApplies,
  minimumOnDuty,
  statementUntil,
  workingHoursStart,
  type MemberDuty,
  type WorkingHours,
} from './duty-rules';
import type { DutyStore } from './duty-store';
import type { DutyRoster } from './roster';
import { waitAtMost } from './within';

export interface DutyDeps {
  roster: DutyRoster;
  store: DutyStore;
  messenger: Messenger;
  scheduler: JobScheduler;
  clock: Clock;
  hours: WorkingHours;
  /** The app's calendar of working days (EXTRA_CLOSING_DAYS); without it the standard one. */
  workingDays: WorkingCalendar;
  logger: Logger;
}

const coverageCheckJob = defineJob({
  kind: 'halteam-coverage',
  payload: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
});

function names(members: readonly TeamMember[]): string {
  return members.length > 0 ? members.map((member) => member.name).join(', ') : 'niemand';
}

/** "tot 13:00", "tot morgen 12:00" or "rest van vandaag" for a statement's end, seen from `now`. */
function untilText(iso: string, now?: Date): string {
  const until = DateTime.fromISO(iso, { zone });
  const today = now ? DateTime.fromJSDate(now, { zone }) : undefined;
  if (until.hour === 23 && until.minute === 59) return 'rest van vandaag';
  if (today && until.toISODate() !== today.toISODate()) return `tot morgen ${until.toFormat('HH:mm')}`;
  return `tot ${until.toFormat('HH:mm')}`;
}

function dayLabel(date: string): string {
  return DateTime.fromISO(date, { zone }).setLocale('nl').toFormat('ccc d LLL');
}

function isMember(members: readonly TeamMember[], actor: Actor): boolean {
  return members.some((member) => samePerson(member, actor));
}

/** Lines for `wie` and the digest: who is on duty now and why. */
export function dutyLines(duty: readonly MemberDuty[]): string[] {
  return duty
    .filter((entry) => entry.onDuty)
    .map((entry) => {
      if (entry.reason === 'zelf-aanwezig') return `${entry.member.name} (gemeld)`;
      if (entry.reason === 'rooster') return `${entry.member.name} (rooster)`;
      return entry.member.name;
    });
}

/** The warning when fewer than two are on duty: it mentions those who are not, so someone can step in. */
export function coverageWarning(duty: readonly MemberDuty[]): OutgoingMessage | undefined {
  const coverage = coverageOf(duty);
  if (!coverage.short) return undefined;
  const absent = coverage.notOnDuty;
  const call = absent.length > 0 ? `${absent.map((member) => `<at>${member.name}</at>`).join(', ')}: ` : '';
  return {
    text:
      `Let op: er ${coverage.onDuty.length === 1 ? 'is' : 'zijn'} nu ${coverage.onDuty.length} ` +
      `${coverage.onDuty.length === 1 ? 'Halteamlid' : 'Halteamleden'} op dienst (op dienst: ${names(coverage.onDuty)}). ` +
      `Het protocol vraagt er minstens ${minimumOnDuty}. ${call}kun je aanwezig zijn? Typ dan \`dienst\`.`,
    mentions: absent.map((member) => ({ userId: member.id, name: member.name })),
  };
}

/** Checks coverage now and warns the Halteam channel when it is short; returns whether it warned. */
export async function checkCoverage(deps: DutyDeps, reason: string): Promise<boolean> {
  const now = deps.clock.now();
  const roster = await deps.roster.rosterDay(localDate(now));
  if (!dutyApplies(now, deps.hours, roster, deps.workingDays)) return false;
  const duty = await deps.roster.duty(now);
  if (duty.length === 0) return false;
  const warning = coverageWarning(duty);
  if (!warning) return false;
  await deps.messenger.postToChannel('halteam', warning);
  deps.logger.info({ reason, onDuty: coverageOf(duty).onDuty.length }, 'Halteam coverage short; warned');
  return true;
}

function coverageJobFor(date: string, deps: DutyDeps): JobRequest {
  const dueAt = workingHoursStart(DateTime.fromISO(date, { zone }).set({ hour: 12 }).toJSDate(), deps.hours);
  return coverageCheckJob.request(`halteam-coverage-${date}`, dueAt, { date });
}

/** The next start of working hours after `now` (today's when it has not passed), as a job. */
export async function ensureCoverageCheck(deps: DutyDeps): Promise<void> {
  const now = deps.clock.now();
  const today = localDate(now);
  const todays = coverageJobFor(today, deps);
  const date = todays.dueAt > now ? today : DateTime.fromISO(today, { zone }).plus({ days: 1 }).toFormat('yyyy-MM-dd');
  await deps.scheduler.schedule(coverageJobFor(date, deps));
}

function coverageJob(deps: DutyDeps): Job {
  return coverageCheckJob.runBy(async (payload) => {
    // A check for a day that has passed (the bot was down) is pointless; the next one is planned.
    if (payload.date === localDate(deps.clock.now())) await checkCoverage(deps, 'start of working hours');
    const next = DateTime.fromISO(payload.date, { zone }).plus({ days: 1 }).toFormat('yyyy-MM-dd');
    await deps.scheduler.schedule(coverageJobFor(next, deps));
  });
}

async function requireMember(deps: DutyDeps, actor: Actor): Promise<boolean> {
  return isMember(await deps.roster.members(), actor);
}

const notMember =
  'Alleen leden van het Halteam melden zich aan of af. Hoor je erbij? Vraag dan of je in het team van het Halteam-kanaal wordt gezet.';

function dienstCommand(deps: DutyDeps): Command {
  return {
    name: 'dienst',
    aliases: ['aanwezig'],
    description: 'Meld je als Halteamlid op dienst voor de rest van vandaag.',
    usage: 'dienst',
    scopes: ['personal', 'channel'],
    async handle(context) {
      if (!(await requireMember(deps, context.actor))) return context.reply({ text: notMember });
      const now = deps.clock.now();
      const until = statementUntil(now).toISOString();
      await deps.store.saveStatement({
        memberId: context.actor.id,
        name: context.actor.name,
        status: 'aanwezig',
        at: now.toISOString(),
        until,
      });
      const onDuty = (await deps.roster.duty(now)).filter((entry) => entry.onDuty).map((entry) => entry.member);
      await context.reply({ text: `Je staat op dienst tot het einde van de dag. Nu op dienst: ${names(onDuty)}.` });
    },
  };
}

function afwezigCommand(deps: DutyDeps): Command {
  return {
    name: 'afwezig',
    description: 'Meld je als Halteamlid af, voor vandaag of tot een tijd.',
    usage: 'afwezig [tot HH:MM]',
    scopes: ['personal', 'channel'],
    async handle(context) {
      if (!(await requireMember(deps, context.actor))) return context.reply({ text: notMember });
      const match = /^(?:tot\s+)?(\d{1,2})[:.](\d{2})$/.exec(context.args.trim());
      if (context.args.trim() && (!match || Number(match[1]) > 23 || Number(match[2]) > 59)) {
        return context.reply({ text: 'Dat begrijp ik niet. Typ `afwezig` of bijvoorbeeld `afwezig tot 13:00`.' });
      }
      const clock = match ? `${match[1]?.padStart(2, '0')}:${match[2]}` : undefined;
      const now = deps.clock.now();
      const until = statementUntil(now, clock).toISOString();
      await deps.store.saveStatement({
        memberId: context.actor.id,
        name: context.actor.name,
        status: 'afwezig',
        at: now.toISOString(),
        until,
      });
      const end = clock ? untilText(until, now) : 'voor de rest van vandaag';
      await context.reply({ text: `Je bent afgemeld ${end}. Weer terug? Typ \`dienst\`.` });
      await checkCoverage(deps, 'member signed off').catch((error: unknown) =>
        deps.logger.error({ err: error }, 'coverage check after sign-off failed'),
      );
    },
  };
}

function wieCommand(deps: DutyDeps): Command {
  return {
    name: 'wie',
    description: 'Wie van het Halteam er nu op dienst is.',
    usage: 'wie',
    scopes: ['channel', 'personal'],
    async handle(context) {
      const duty = await deps.roster.duty();
      if (duty.length === 0) {
        return context.reply({ text: 'Ik ken de leden van het Halteam nog niet: is het Halteam-kanaal gekoppeld?' });
      }
      const onDuty = dutyLines(duty);
      const off = duty.filter((entry) => !entry.onDuty);
      const lines = [
        onDuty.length > 0 ? `Nu op dienst: ${onDuty.join(', ')}.` : 'Nu is niemand van het Halteam op dienst.',
      ];
      const signedOff = off.filter((entry) => entry.reason === 'zelf-afwezig');
      if (signedOff.length > 0) {
        lines.push(
          `Afgemeld: ${signedOff.map((entry) => `${entry.member.name} (${untilText(entry.until ?? '', deps.clock.now())})`).join(', ')}.`,
        );
      }
      const now = deps.clock.now();
      const rosterToday = await deps.roster.rosterDay(localDate(now));
      if (!dutyApplies(now, deps.hours, rosterToday, deps.workingDays)) {
        lines.push('Het is buiten werktijd en er is geen rooster voor vandaag: een alarm gaat naar het hele Halteam.');
      } else if (coverageOf(duty).short) {
        lines.push(`Dat is minder dan de ${minimumOnDuty} die het protocol vraagt.`);
      }
      await context.reply({ text: lines.join('\n\n') });
    },
  };
}

async function rosterCard(deps: DutyDeps, saved = ''): Promise<AdaptiveCard> {
  const members = await deps.roster.members();
  const today = localDate(deps.clock.now());
  const days = await deps.store.rosterFrom(today);
  const nameOf = (id: string) => members.find((member) => knownAs(member, id))?.name ?? id;
  return renderCard(rosterTemplate, {
    saved,
    defaultDate: DateTime.fromISO(today, { zone }).plus({ days: 1 }).toFormat('yyyy-MM-dd'),
    days: days.map((day) => ({ title: dayLabel(day.date), value: day.memberIds.map(nameOf).join(', ') || 'niemand' })),
    members: members.map((member) => ({ id: member.id, name: member.name })),
  });
}

function rosterCommand(deps: DutyDeps): Command {
  return {
    name: 'rooster',
    description: 'Coördinator: maak het rooster van het Halteam voor rustige perioden.',
    usage: 'rooster',
    scopes: ['personal', 'channel'],
    async handle(context) {
      if (!(await context.roles()).has('halteam-coordinator')) {
        return context.reply({ text: 'Alleen een coördinator van het Halteam maakt het rooster.' });
      }
      await context.reply({ card: await rosterCard(deps) });
    },
  };
}

const rosterData = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  members: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
});

function rosterAction(deps: DutyDeps): CardAction {
  return defineCardAction({
    verb: 'halteam.rooster',
    data: rosterData,
    async handle(data, context) {
      if (!(await context.roles()).has('halteam-coordinator')) {
        return { message: 'Alleen een coördinator van het Halteam maakt het rooster.' };
      }
      if (data.date < localDate(deps.clock.now())) {
        return { card: await rosterCard(deps, `${dayLabel(data.date)} is al voorbij; kies een dag vanaf vandaag.`) };
      }
      const members = await deps.roster.members();
      const memberIds = data.members.filter((id) => members.some((member) => member.id === id));
      if (memberIds.length === 0) {
        await deps.store.removeRosterDay(data.date);
        deps.logger.info({ date: data.date }, 'roster day removed');
        return { card: await rosterCard(deps, `${dayLabel(data.date)} staat niet meer op het rooster.`) };
      }
      await deps.store.saveRosterDay({
        date: data.date,
        memberIds,
        by: context.actor.name,
        at: deps.clock.now().toISOString(),
      });
      deps.logger.info({ date: data.date, members: memberIds.length }, 'roster day saved');
      const warn = memberIds.length < minimumOnDuty ? ` Let op: het protocol vraagt er minstens ${minimumOnDuty}.` : '';
      return {
        card: await rosterCard(deps, `Opgeslagen: ${dayLabel(data.date)}, ${memberIds.length} op dienst.${warn}`),
      };
    },
  });
}

export function createDutyModule(deps: DutyDeps): CapabilityModule {
  return {
    name: 'halteam',
    commands: [dienstCommand(deps), afwezigCommand(deps), wieCommand(deps), rosterCommand(deps)],
    cardActions: [rosterAction(deps)],
    jobs: [coverageJob(deps)],
    async onStart() {
      const planned = ensureCoverageCheck(deps).catch((error: unknown) =>
        deps.logger.error({ err: error }, 'could not plan the coverage check'),
      );
      await waitAtMost(planned, 1000);
    },
  };
}

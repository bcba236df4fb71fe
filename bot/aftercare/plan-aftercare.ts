import { victimOf, type IncidentReport } from '../reports';
import type { CardActionResult } from '../shared/commands';
import { errorCodes, HalteamError, isHalteamError } from '../shared/errors';
import type { PostedMessage } from '../shared/messenger';
import { addressOf, calendarIdOf, isPerson, type AftercareDeps } from './aftercare-deps';
import { planCard } from './aftercare-cards';
import { talkAgendas, type AftercarePlan, type PlannedTalk, type ProposedSlot } from './aftercare-model';
import { dateText } from './aftercare-cards';
import { CalendarError, type CalendarProblem } from './calendar';
import { scheduleFollowUps } from './follow-talks';
import { planningRange, proposeSlots, type TalkNumber } from './slot-rules';

/** Looks for free moments of manager and employee; a calendar problem is returned, not thrown. */
export async function proposeFor(
  plan: AftercarePlan,
  skip: string[],
  deps: AftercareDeps,
): Promise<{ proposed: ProposedSlot[]; problem?: CalendarProblem }> {
  try {
    const manager = await deps.calendar.user(calendarIdOf(plan.manager));
    const employee = await deps.calendar.user(calendarIdOf(plan.employee));
    const now = deps.clock.now();
    const incidentAt = new Date(plan.incidentAt);
    const busy = await deps.calendar.busyTimes(
      manager,
      [manager, employee],
      planningRange(incidentAt, now, deps.workingDays),
    );
    const slots = proposeSlots({
      incidentAt,
      now,
      busy,
      skip: skip.map((iso) => new Date(iso)),
      calendar: deps.workingDays,
    });
    return {
      proposed: slots.map((slot) =>
        'none' in slot
          ? { talk: slot.talk }
          : { talk: slot.talk, start: slot.start.toISOString(), end: slot.end.toISOString() },
      ),
    };
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    deps.logger.warn({ err: error, number: plan.number, problem: error.problem }, 'calendar not usable for aftercare');
    return { proposed: [], problem: error.problem };
  }
}

/**
 * The manager gets the offer card: once per incident after the report (`again: false`, the report's
 * follow-up, which its delivery job repeats until everything is delivered), or anew with fresh times
 * when the manager types `nazorg <nummer>` (`again: true`).
 *
 * Without `again` a repeat never sends a second card or a new proposal: a plan whose offer went out
 * (or may have: the send's outcome is unknown) is returned as it is, and one whose offer failed gets
 * the stored proposal again, with the same proposalId, so "Inplannen" on any card that did arrive works.
 */
export async function offerAftercare(
  report: IncidentReport,
  deps: AftercareDeps,
  options: { again?: boolean } = {},
): Promise<AftercarePlan> {
  const again = options.again === true;
  const draft: AftercarePlan = {
    number: report.number,
    incidentAt: report.occurredAt,
    manager: report.manager,
    employee: victimOf(report),
    state: 'offered',
    proposalId: deps.newId(),
    proposed: [],
    skipped: [],
    talks: [],
  };
  const { kind, plan: existing } = await deps.store.create(draft);
  if (kind === 'exists' && existing.state === 'scheduled') return existing;
  if (kind === 'exists' && !again && existing.offer) return existing;
  const reuse = kind === 'exists' && !again && hasProposal(existing);
  let plan = existing;
  if (!reuse) {
    const proposal = await proposeFor(existing, existing.skipped, deps);
    plan = await deps.store.update(existing.number, (current) => ({
      ...current,
      proposalId: again && kind === 'exists' ? deps.newId() : current.proposalId,
      proposed: proposal.proposed,
      problem: proposal.problem,
      state: current.state === 'self' ? 'offered' : current.state,
    }));
  }
  let offer: PostedMessage;
  try {
    offer = await deps.messenger.sendToUser(addressOf(plan.manager), {
      text: `Nazorg voor incident ${plan.number}: plan de drie nazorggesprekken met ${plan.employee.name}.`,
      card: planCard(plan, deps.workingDays),
      alert: true,
    });
  } catch (error) {
    if (!isHalteamError(error, errorCodes.sendOutcomeUnknown)) throw error;
    // The card may have arrived: a second one would be worse than asking the manager to type
    // `nazorg <nummer>` if it did not. Recorded as offered, without an activity id.
    deps.logger.warn(
      { err: error, number: plan.number },
      'aftercare offer may not have arrived; not sent again (the manager can type nazorg <nummer>)',
    );
    const conversationId = typeof error.details.conversationId === 'string' ? error.details.conversationId : '';
    offer = { conversationId, activityId: '' };
  }
  deps.logger.info({ number: plan.number, problem: plan.problem }, 'aftercare offered');
  return deps.store.update(plan.number, (current) => ({ ...current, offer }));
}

/** Whether times were looked for already (slots, or a calendar problem to tell). */
const hasProposal = (plan: AftercarePlan) => plan.proposed.length > 0 || plan.problem !== undefined;

async function planFor(number: string, actor: { id: string; aadObjectId?: string }, deps: AftercareDeps) {
  const plan = await deps.store.get(number);
  if (!plan) throw new HalteamError(errorCodes.notFound, `No aftercare for ${number}`);
  if (!isPerson(actor, plan.manager)) {
    throw new HalteamError(errorCodes.notAuthorised, 'Only the manager plans aftercare', { number });
  }
  return plan;
}

/** A manager's choice on the plan card; once the talks are in the calendar the card only shows them. */
async function choiceOnPlan(
  number: string,
  actor: { id: string; aadObjectId?: string },
  deps: AftercareDeps,
  choose: (plan: AftercarePlan) => Promise<CardActionResult>,
): Promise<CardActionResult> {
  const plan = await planFor(number, actor, deps);
  return plan.state === 'scheduled' ? { card: planCard(plan, deps.workingDays) } : choose(plan);
}

function eventBody(plan: AftercarePlan, talk: TalkNumber): string {
  const agenda = talkAgendas[talk];
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    `<p>${escape(agenda.title)} (${escape(agenda.when)}), volgens het agressieprotocol, Bijlage 5.</p>`,
    `<p>Incident ${escape(plan.number)} van ${escape(dateText(plan.incidentAt))}.</p>`,
    '<p><b>Agenda</b></p>',
    `<ul>${agenda.points.map((point) => `<li>${escape(point)}</li>`).join('')}</ul>`,
    '<p>Tijdens het gesprek vullen we samen het nazorgformulier in.</p>',
  ].join('');
}

/**
 * "Inplannen": the three proposed talks become events in the manager's calendar, the employee
 * invited, with a Teams meeting. Each event carries a transactionId from the proposal, so a click
 * that is retried (or a second click) never makes a second event.
 */
export async function scheduleTalks(
  data: { number: string; proposalId: string },
  actor: { id: string; aadObjectId?: string },
  deps: AftercareDeps,
): Promise<CardActionResult> {
  return choiceOnPlan(data.number, actor, deps, (plan) => scheduleProposed(plan, data.proposalId, deps));
}

async function scheduleProposed(plan: AftercarePlan, proposalId: string, deps: AftercareDeps) {
  if (plan.proposalId !== proposalId) {
    return { card: planCard(plan, deps.workingDays), message: 'Deze voorstellen zijn al vervangen door nieuwere.' };
  }
  const slots = plan.proposed.filter((slot): slot is Required<ProposedSlot> => !!slot.start && !!slot.end);
  if (slots.length !== 3) return { card: planCard(plan, deps.workingDays) };
  const talks: PlannedTalk[] = [];
  try {
    const manager = await deps.calendar.user(calendarIdOf(plan.manager));
    const employee = await deps.calendar.user(calendarIdOf(plan.employee));
    for (const slot of slots) {
      const event = await deps.calendar.createEvent(manager, {
        subject: `${talkAgendas[slot.talk].title} (${plan.number})`,
        body: eventBody(plan, slot.talk),
        start: new Date(slot.start),
        end: new Date(slot.end),
        attendee: employee,
        transactionId: `halteam-${plan.proposalId}-${slot.talk}`,
      });
      talks.push({
        talk: slot.talk,
        eventId: event.id,
        start: event.start.toISOString(),
        end: event.end.toISOString(),
        state: 'planned',
      });
    }
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    deps.logger.warn({ err: error, number: plan.number, problem: error.problem }, 'creating aftercare events failed');
    const failed = await deps.store.update(plan.number, (current) => ({ ...current, problem: error.problem }));
    return { card: planCard(failed, deps.workingDays) };
  }
  const scheduled = await deps.store.update(plan.number, (current) => ({
    ...current,
    state: 'scheduled',
    problem: undefined,
    talks,
  }));
  for (const talk of talks) await scheduleFollowUps(scheduled, talk, deps);
  deps.logger.info({ number: plan.number }, 'aftercare talks scheduled');
  return { card: planCard(scheduled, deps.workingDays) };
}

/** "Andere tijden": a new proposal that skips the moments already offered. */
export async function otherTimes(
  data: { number: string; proposalId: string },
  actor: { id: string; aadObjectId?: string },
  deps: AftercareDeps,
): Promise<CardActionResult> {
  return choiceOnPlan(data.number, actor, deps, async (plan) => {
    const skipped = [...plan.skipped, ...plan.proposed.flatMap((slot) => (slot.start ? [slot.start] : []))];
    const proposal = await proposeFor(plan, skipped, deps);
    const next = await deps.store.update(plan.number, (current) => ({
      ...current,
      state: 'offered',
      proposalId: deps.newId(),
      skipped,
      proposed: proposal.proposed,
      problem: proposal.problem,
    }));
    return { card: planCard(next, deps.workingDays) };
  });
}

/** "Zelf plannen": the manager plans in Outlook; the card shows the protocol's days. */
export async function planSelf(
  data: { number: string },
  actor: { id: string; aadObjectId?: string },
  deps: AftercareDeps,
): Promise<CardActionResult> {
  return choiceOnPlan(data.number, actor, deps, async (plan) => {
    const next = await deps.store.update(plan.number, (current) => ({ ...current, state: 'self' }));
    return { card: planCard(next, deps.workingDays) };
  });
}

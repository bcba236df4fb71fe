import type { Directory } from '../shared/directory';
import { asHalteamError, errorCodes } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AdaptiveCard, Messenger, OutgoingMessage, UserAddress } from '../shared/messenger';
import { aangifteAdvice, type AangifteAdvice } from './aangifte-rules';
import type { ReportFollowUp } from './follow-ups';
import { incidentCard } from './report-cards';
import type { IncidentReport } from './report-model';
import type { ReportStore } from './report-store';
import { sanctionAdviceFor } from './repeats';

export interface ReportSettings {
  /** P&O: Teams user ids or Entra object ids that get a copy of every report. */
  poTargets: string[];
  /** The OOV officer(s): told of every report where aangifte applies. */
  oovTargets: string[];
}

export interface DeliveryDeps {
  store: ReportStore;
  messenger: Messenger;
  directory: Directory;
  logger: Logger;
  settings: ReportSettings;
  followUps: readonly ReportFollowUp[];
}

export function adviceFor(report: IncidentReport): AangifteAdvice {
  return aangifteAdvice({
    forms: report.forms,
    place: report.place,
    injury: report.injury,
    damage: report.damage,
    weapons: report.weapons,
    police: report.police,
    severalAggressors: report.severalAggressors,
    threatTargets: report.threatTargets,
    occurredAt: new Date(report.occurredAt),
    reportedAt: new Date(report.submittedAt),
  });
}

/**
 * Who gets the report, as delivery keys. The protocol names them: every Halteam member (the channel),
 * the manager, a copy for P&O, the OOV officer when aangifte applies; then the follow-ups. Nobody else.
 */
export function deliveryTargets(report: IncidentReport, deps: Pick<DeliveryDeps, 'settings' | 'followUps'>): string[] {
  const targets = ['halteam', 'manager', ...deps.settings.poTargets.map((id) => `po:${id}`)];
  if (adviceFor(report).required) targets.push(...deps.settings.oovTargets.map((id) => `oov:${id}`));
  targets.push(...deps.followUps.map((followUp) => `followup:${followUp.name}`));
  return targets;
}

/** The manager's card: the report with the advice on aangifte and measure, and the same-person questions. */
export async function managerCard(
  report: IncidentReport,
  deps: { store: Pick<ReportStore, 'factsSince'>; settings: ReportSettings },
): Promise<AdaptiveCard> {
  const { sanction, repeats } = await sanctionAdviceFor(report, deps.store);
  return incidentCard({
    report,
    audience: 'manager',
    aangifte: adviceFor(report),
    sanction,
    repeats,
    copies: { po: deps.settings.poTargets.length > 0, oov: deps.settings.oovTargets.length > 0 },
  });
}

async function addressOf(id: string, directory: Directory, logger: Logger): Promise<UserAddress> {
  // Without the directory the Teams id alone still reaches the person; the name is only a nicety.
  const person = await directory.findById(id).catch((error: unknown) => {
    logger.warn({ err: error }, 'directory look-up failed; messaging by id');
    return undefined;
  });
  return person ? { id: person.id, aadObjectId: person.aadObjectId, name: person.name } : { id };
}

async function messageFor(target: string, report: IncidentReport, deps: DeliveryDeps): Promise<OutgoingMessage> {
  const aangifte = adviceFor(report);
  if (target === 'halteam') return { card: incidentCard({ report, audience: 'halteam', aangifte }) };
  if (target === 'manager') return { card: await managerCard(report, deps) };
  if (target.startsWith('po:')) return { card: incidentCard({ report, audience: 'po', aangifte }) };
  return { card: incidentCard({ report, audience: 'oov', aangifte }) };
}

async function deliverOne(target: string, report: IncidentReport, deps: DeliveryDeps): Promise<void> {
  if (target.startsWith('followup:')) {
    const followUp = deps.followUps.find((candidate) => `followup:${candidate.name}` === target);
    await followUp?.onSubmitted(report);
    return;
  }
  const message = await messageFor(target, report, deps);
  if (target === 'halteam') {
    await deps.messenger.postToChannel('halteam', message);
  } else if (target === 'manager') {
    // The manager is asked to act (aftercare, measures): Teams notifies them even with the chat closed.
    await deps.messenger.sendToUser(report.manager, { ...message, alert: true });
  } else {
    await deps.messenger.sendToUser(
      await addressOf(target.slice(target.indexOf(':') + 1), deps.directory, deps.logger),
      message,
    );
  }
}

/**
 * Sends a stored report to everyone the protocol names who did not get it yet, recording each
 * delivery, so a retry (the durable job, a restart) sends only what is missing. Returns `incomplete`
 * when something failed; the caller retries later.
 */
export async function deliverReport(number: string, deps: DeliveryDeps): Promise<'done' | 'incomplete' | 'missing'> {
  const stored = await deps.store.get(number);
  if (!stored) return 'missing';
  if (stored.deliveryState === 'done') return 'done';
  const { report } = stored;
  const log = deps.logger.child({ number });
  let failed = 0;
  for (const target of deliveryTargets(report, deps)) {
    if (stored.delivered.includes(target)) continue;
    try {
      await deliverOne(target, report, deps);
      await deps.store.markDelivered(number, target);
      log.info({ target: target.split(':')[0] }, 'report delivered');
    } catch (raw) {
      const error = asHalteamError(raw);
      if (error.code === errorCodes.sendOutcomeUnknown) {
        // Teams may have it already: a second copy of a report is worse than asking to check.
        await deps.store.markDelivered(number, target);
        log.warn(
          { err: error, code: error.code, target: target.split(':')[0] },
          'report may not have arrived; not sent again',
        );
        continue;
      }
      failed++;
      log.error({ err: error, code: error.code, target: target.split(':')[0] }, 'report could not be delivered yet');
    }
  }
  if (failed > 0) return 'incomplete';
  await deps.store.markDone(number);
  return 'done';
}

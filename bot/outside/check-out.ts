import { randomUUID } from 'node:crypto';
import { localDate } from '../shared/time-format';
import { clockText } from './outside-cards';
import type { OutsideDeps } from './outside-deps';
import { rememberDetails } from './remember-details';
import { riskAdvice } from './risk-rules';
import type { OutsidePerson, RiskId, Visit } from './visit-model';
import { overdueJobId, parseClockTime, stepDueAt, untilFrom, type OverdueStep } from './visit-rules';
import { askJob, overdueAlarmJob } from './outside-jobs';

export interface CheckOutInput {
  place: string;
  district?: string;
  /** "HH:MM" */
  until: string;
  companion?: string;
  risks: RiskId[];
  phone?: string;
  manager?: string;
}

export type CheckOutResult =
  | { kind: 'started'; visit: Visit; notes: string[] }
  | { kind: 'already-open'; visit: Visit }
  | { kind: 'invalid'; message: string };

export const timeProblem =
  'Die tijd begrijp ik niet of is al voorbij. Typ een tijd in de komende 12 uur, bijvoorbeeld 15:30.';

/** "Alles goed?" at the end time and the alarm after the grace: both stored now, per visit and deadline. */
export async function scheduleOverdueJobs(visit: Visit, deps: Pick<OutsideDeps, 'scheduler' | 'settings'>) {
  const steps: OverdueStep[] = ['vraag', 'alarm'];
  await deps.scheduler.scheduleAll(
    steps.map((step) =>
      (step === 'vraag' ? askJob : overdueAlarmJob).request(
        overdueJobId(visit.id, visit.until, step),
        stepDueAt(new Date(visit.until), step, deps.settings.graceMinutes),
        { visitId: visit.id, until: visit.until },
      ),
    ),
  );
}

/** The check-out (Hoofdstuk 4: "meldt bij collega's wanneer hij/zij vertrekt"): stored, watched, risks to the manager. */
export async function checkOut(
  person: OutsidePerson,
  input: CheckOutInput,
  deps: OutsideDeps,
): Promise<CheckOutResult> {
  const now = deps.clock.now();
  const time = parseClockTime(input.until);
  const until = time ? untilFrom(time, now) : 'past';
  if (until === 'past') return { kind: 'invalid', message: timeProblem };
  const place = input.place.trim().slice(0, 200);
  if (!place)
    return { kind: 'invalid', message: 'Waar ga je heen? Typ bijvoorbeeld `huisbezoek Dorpsstraat 1 tot 15:30`.' };

  const details = await rememberDetails(person, { phone: input.phone, manager: input.manager }, deps);
  const visit: Visit = {
    version: 1,
    id: `hb-${localDate(now).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`,
    person,
    place,
    placeReduced: false,
    district: input.district?.trim() || undefined,
    startedAt: now.toISOString(),
    until: until.toISOString(),
    companion: input.companion?.trim() || undefined,
    risks: [...new Set(input.risks)],
    status: 'open',
    extensions: 0,
  };
  // Jobs first: a job whose visit was never stored finds nothing to do, a visit without jobs is unwatched.
  await scheduleOverdueJobs(visit, deps);
  const stored = await deps.store.createVisit(visit);
  if (!stored.created) return { kind: 'already-open', visit: stored.open };
  deps.logger.info({ visitId: visit.id, risks: visit.risks.length }, 'home visit checked out');

  const notes: string[] = [];
  if (details.problem) notes.push(details.problem);
  const advice = riskAdvice(visit.risks);
  const manager = details.profile?.manager;
  if (advice.risky) {
    if (manager) {
      await deps.messenger.sendToUser(manager, {
        alert: true,
        text:
          `${person.name} gaat op huisbezoek (terug om ${clockText(visit.until)}) en gaf bij de risicovragen "ja" op: ` +
          `${advice.named.join(', ')}. Het agressieprotocol: huisbezoek onder begeleiding of geen huisbezoek. ` +
          `Neem contact op met ${person.name}.`,
      });
      await deps.store.updateVisit(visit.id, (current) => ({ ...current, riskManagerToldAt: now.toISOString() }));
    } else {
      notes.push("Ik weet niet wie je leidinggevende is: bel hem of haar zelf over deze risico's.");
    }
  }
  if (!details.profile?.phone) notes.push('Vul de volgende keer je telefoonnummer in: dan kan het Halteam je bellen.');
  return { kind: 'started', visit, notes };
}

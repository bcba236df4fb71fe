import { checkCard, clockText } from './outside-cards';
import type { OutsideDeps } from './outside-deps';
import type { Visit } from './visit-model';
import { overdueDecision, overdueJobId, reducedPlace, type OverdueStep } from './visit-rules';

/**
 * A home visit's alarm: through the same pipeline as a button (card in the Halteam channel, responders,
 * escalation), with the address, the person's name and phone; the manager is told once.
 */
export async function raiseHomeVisitAlarm(
  visit: Visit,
  how: 'stil' | 'help',
  requestId: string,
  deps: OutsideDeps,
): Promise<Visit> {
  const profile = await deps.store.getProfile(visit.person.id);
  const result = await deps.raiseAlarm({
    kind: 'huisbezoek',
    person: { ...visit.person, phone: profile?.phone },
    location: reducedPlace(visit.place, visit.district),
    address: visit.companion ? `${visit.place} (met ${visit.companion})` : visit.place,
    requestId,
    how:
      how === 'stil'
        ? `Niet teruggemeld van huisbezoek (terug om ${clockText(visit.until)})`
        : 'Help gevraagd tijdens huisbezoek',
  });
  const at = deps.clock.now().toISOString();
  // The same alarm (a retry, or joined to the open one) keeps its record; a new one after a closed
  // alarm becomes the current one, and the manager hears of it too.
  const marked =
    (await deps.store.updateVisit(visit.id, (current) =>
      current.alarm?.id === result.alarmId
        ? undefined
        : {
            ...current,
            alarm: { id: result.alarmId, at, how },
            earlierAlarmIds: current.alarm ? [...(current.earlierAlarmIds ?? []), current.alarm.id] : undefined,
          },
    )) ?? visit;
  deps.logger.info({ visitId: visit.id, alarmId: result.alarmId, outcome: result.outcome, how }, 'home-visit alarm');
  if (marked.alarm && !marked.alarm.managerToldAt && profile?.manager) {
    const reason =
      how === 'stil' ? 'heeft zich niet teruggemeld van een huisbezoek' : 'vraagt om hulp tijdens een huisbezoek';
    await deps.messenger.sendToUser(profile.manager, {
      alert: true,
      text:
        `Alarm: ${visit.person.name} ${reason} (terug om ${clockText(visit.until)}). ` +
        'Het Halteam is gewaarschuwd en gaat erheen.',
    });
    return (
      (await deps.store.updateVisit(visit.id, (current) =>
        current.alarm ? { ...current, alarm: { ...current.alarm, managerToldAt: at } } : undefined,
      )) ?? marked
    );
  }
  return marked;
}

/** A durable job for (visit, deadline, step); an extension, a check-in or an earlier alarm leaves nothing to do. */
export async function runOverdueStep(
  payload: { visitId: string; until: string },
  step: OverdueStep,
  deps: OutsideDeps,
): Promise<void> {
  const visit = await deps.store.getVisit(payload.visitId);
  if (overdueDecision(visit, { until: payload.until, step }) === 'nothing' || !visit) return;
  if (step === 'alarm') {
    await raiseHomeVisitAlarm(visit, 'stil', overdueJobId(visit.id, visit.until, 'alarm'), deps);
    await deps.messenger.sendToUser(visit.person, {
      text: 'Ik hoorde niets van je. Het Halteam is gewaarschuwd en komt naar je toe. Ben je veilig? Typ **terug**.',
    });
    return;
  }
  if (visit.askedAt) return;
  await deps.messenger.sendToUser(visit.person, {
    alert: true,
    card: checkCard(
      visit,
      `Je zou om ${clockText(visit.until)} terug zijn van je huisbezoek. ` +
        `Hoor ik binnen ${deps.settings.graceMinutes} minuten niets, dan waarschuw ik het Halteam.`,
    ),
  });
  await deps.store.updateVisit(visit.id, (current) =>
    current.until === visit.until ? { ...current, askedAt: deps.clock.now().toISOString() } : undefined,
  );
}

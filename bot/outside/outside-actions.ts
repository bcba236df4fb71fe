import { samePerson } from '../shared/people';
import { z } from 'zod';
import { defineCardAction } from '../shared/card-actions';
import type { CardAction, CardActionContext, CardActionResult } from '../shared/commands';
import { checkIn } from './check-in';
import { checkOut } from './check-out';
import { alarmChoiceCard, checkCard, noticeCard, suspicionManagerCard, visitCard } from './outside-cards';
import { personOf, type OutsideDeps } from './outside-deps';
import { raiseHomeVisitAlarm } from './overdue';
import { reportSuspicion, discussSuspicion } from './report-suspicion';
import { riskQuestions } from './risk-rules';
import { alarmSent, cleanPlace, raiseTeamsAlarm, teamsRequestId } from './teams-alarm';
import type { RiskId } from './visit-model';

const text = (max: number) => z.string().max(max).optional();
const visitRef = z.object({ visitId: z.string().min(1).max(80) });
const startData = z
  .object({ place: z.string().max(200), district: text(100), until: z.string().max(10), companion: text(100) })
  .extend({ phone: text(30), manager: text(100) })
  .catchall(z.unknown());
const giveData = z.object({ last: text(120), location: text(120), typed: text(120) });
const suspicionData = z.object({
  about: z.string().min(1).max(200),
  noticed: z.string().min(1).max(2000),
  planned: text(200),
  teamNote: text(1000),
  manager: text(100),
});
const suspicionRef = z.object({ suspicionId: z.string().min(1).max(80) });

function action<T>(
  verb: string,
  data: z.ZodType<T>,
  handle: (data: T, context: CardActionContext) => Promise<CardActionResult>,
): CardAction {
  return defineCardAction({ verb, data, handle });
}

const notYours = 'Dit huisbezoek is niet van jou.';

export function outsideCardActions(deps: OutsideDeps): CardAction[] {
  return [
    action('huisbezoek.start', startData, async (data, context) => {
      const risks = riskQuestions.filter((question) => data[`risk-${question.id}`] === 'ja').map((q) => q.id as RiskId);
      const result = await checkOut(personOf(context.actor), { ...data, risks }, deps);
      if (result.kind === 'invalid') return { message: result.message };
      if (result.kind === 'already-open') {
        return { message: 'Je hebt al een huisbezoek open. Typ eerst **terug**, of **verleng tot HH:MM**.' };
      }
      return { card: visitCard(result.visit, result.notes) };
    }),
    action('huisbezoek.terug', visitRef, async (data, context) => {
      const result = await checkIn(context.actor, 'terug', deps, data.visitId);
      if (!result) return { message: notYours };
      return { card: visitCard(result.visit) };
    }),
    action('huisbezoek.veilig', visitRef, async (data, context) => {
      const result = await checkIn(context.actor, 'veilig', deps, data.visitId);
      if (!result) return { message: notYours };
      const alarmed = result.visit.alarm ? ' Het Halteam is al gewaarschuwd: laat ze weten dat je veilig bent.' : '';
      return { card: checkCard(result.visit, `Fijn dat je veilig bent. Je huisbezoek is afgesloten.${alarmed}`) };
    }),
    action('huisbezoek.help', visitRef, async (data, context) => {
      const visit = await deps.store.getVisit(data.visitId);
      if (!visit || !samePerson(context.actor, visit.person)) return { message: notYours };
      if (visit.status !== 'open') {
        const profile = await deps.store.getProfile(context.actor.id);
        return { card: alarmChoiceCard(await deps.locations(), profile?.lastPlace) };
      }
      const requestId = `huisbezoek-${visit.id}-help-${Math.floor(deps.clock.now().getTime() / 10_000)}`;
      await raiseHomeVisitAlarm(visit, 'help', requestId, deps);
      return { card: noticeCard('Alarm verstuurd', alarmSent(visit.place), 'Attention') };
    }),
    action('alarm.open', z.object({}).passthrough(), async (_data, context) => {
      const profile = await deps.store.getProfile(context.actor.id);
      return { card: alarmChoiceCard(await deps.locations(), profile?.lastPlace) };
    }),
    action('alarm.give', giveData, async (data, context) => {
      const place = cleanPlace(data.typed) ?? cleanPlace(data.location) ?? cleanPlace(data.last);
      if (!place) return { message: 'Kies of typ waar je bent, en klik dan op Alarm geven.' };
      const now = deps.clock.now();
      await raiseTeamsAlarm(context.actor, place, teamsRequestId(context.actor, context.messageId, now), deps);
      return { card: noticeCard('Alarm verstuurd', alarmSent(place), 'Attention') };
    }),
    action('vermoeden.send', suspicionData, async (data, context) => {
      const { suspicion, problem } = await reportSuspicion(context.actor, data, deps);
      const sent = suspicion.manager
        ? `Je leidinggevende ${suspicion.manager.name} heeft je melding gekregen en bespreekt de aanpak met je.`
        : `Je melding is bewaard. ${problem ?? ''} Laat je leidinggevende het weten.`;
      const team = suspicion.teamNote ? ' Je notitie staat in het dagstart-kanaal, zonder je naam.' : '';
      return { card: noticeCard('Vermoeden gemeld', `${sent}${team}`, 'Good') };
    }),
    action('vermoeden.bespreken', suspicionRef, async (data, context) => ({
      card: suspicionManagerCard(await discussSuspicion(context.actor, data.suspicionId, deps)),
    })),
  ];
}

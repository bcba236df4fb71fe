import { DateTime } from 'luxon';
import formTemplate from '../../cards/aftercare-form.json';
import noteTemplate from '../../cards/aftercare-note.json';
import offerTemplate from '../../cards/aftercare-offer.json';
import reminderTemplate from '../../cards/aftercare-reminder.json';
import { renderCard } from '../platform/cards/render-card';
import type { AdaptiveCard } from '../shared/messenger';
import { zone } from '../shared/time-format';
import { supportKinds, supportLabels, talkAgendas, type AftercareForm, type AftercarePlan } from './aftercare-model';
import type { CalendarProblem } from './calendar';
import type { WorkingCalendar } from '../shared/working-days';
import { candidateDays, type TalkNumber } from './slot-rules';

/** "di 24 nov 10:00–11:00" in Dutch local time. */
export function slotText(start: string, end: string): string {
  const from = DateTime.fromISO(start, { zone }).setLocale('nl');
  const to = DateTime.fromISO(end, { zone }).setLocale('nl');
  return `${from.toFormat('ccc d LLL HH:mm')}–${to.toFormat('HH:mm')}`;
}

/** "24 november 2026". */
export function dateText(iso: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale('nl').toFormat('d LLLL yyyy');
}

const talkLabel = (talk: TalkNumber) => `Gesprek ${talk} (${talkAgendas[talk].when})`;

export const problemTexts: Record<CalendarProblem, string> = {
  forbidden:
    'Ik mag jouw agenda niet gebruiken: de app heeft geen toestemming voor jouw mailbox. Plan de gesprekken zelf, of vraag de beheerder om jouw mailbox toe te voegen.',
  'unknown-user': 'Ik kan jou of de medewerker niet vinden in de agenda’s van de gemeente. Plan de gesprekken zelf.',
  unavailable: 'De agenda’s zijn nu niet bereikbaar. Probeer het zo nog eens met "Andere tijden", of plan zelf.',
  'not-configured': 'De koppeling met de agenda’s is niet ingesteld. Plan de gesprekken zelf.',
};

const privacyFooter =
  'In de uitnodiging staan alleen het incidentnummer, de datum en de agenda van het gesprek; geen details van het incident.';

function windowText(talk: TalkNumber, incidentAt: string, calendar: WorkingCalendar): string {
  const days = candidateDays(talk, new Date(incidentAt), calendar).sort();
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return 'geen werkdag gevonden';
  const format = (day: string) => DateTime.fromISO(day, { zone }).setLocale('nl').toFormat('ccc d LLL');
  return first === last ? format(first) : `tussen ${format(first)} en ${format(last)}`;
}

/** The offer, the planned times, or "plan it yourself", depending on the plan's state. */
export function planCard(plan: AftercarePlan, calendar: WorkingCalendar): AdaptiveCard {
  const base = { number: plan.number, proposalId: plan.proposalId, notice: '', footer: privacyFooter };
  const employee = plan.employee.name;
  if (plan.state === 'scheduled') {
    return renderCard(offerTemplate, {
      ...base,
      title: `Nazorg ingepland: ${plan.number}`,
      text: `De drie nazorggesprekken met ${employee} staan in jouw agenda, met een Teams-vergadering. ${employee} is uitgenodigd. Een werkdag vooraf krijg je de agenda van het gesprek, en na elk gesprek het nazorgformulier.`,
      facts: plan.talks.map((talk) => ({
        title: talkLabel(talk.talk),
        value: talk.state === 'cancelled' ? 'afgezegd in Outlook' : slotText(talk.start, talk.end),
      })),
      showPlan: false,
      showOther: false,
      showSelf: false,
    });
  }
  if (plan.state === 'self') {
    return renderCard(offerTemplate, {
      ...base,
      title: `Nazorg zelf plannen: ${plan.number}`,
      text: `Plan de drie nazorggesprekken met ${employee} zelf in je agenda (protocol, Bijlage 5). Deze dagen passen bij het protocol:`,
      facts: ([1, 2, 3] as const).map((talk) => ({
        title: talkLabel(talk),
        value: windowText(talk, plan.incidentAt, calendar),
      })),
      showPlan: false,
      showOther: false,
      showSelf: false,
    });
  }
  const allFound = plan.proposed.length === 3 && plan.proposed.every((slot) => slot.start && slot.end);
  const missing = plan.proposed.filter((slot) => !slot.start).map((slot) => slot.talk);
  const notice = plan.problem
    ? problemTexts[plan.problem]
    : missing.length > 0
      ? `Voor gesprek ${missing.join(' en ')} vond ik geen moment waarop jullie allebei vrij zijn. Kies "Andere tijden" of plan zelf.`
      : '';
  return renderCard(offerTemplate, {
    ...base,
    title: `Nazorg na incident ${plan.number}`,
    text: plan.problem
      ? `Na een incident voer je drie nazorggesprekken met ${employee} (protocol, Bijlage 5): 1–2 dagen, 2 weken en 4–6 weken na het incident.`
      : `Na een incident voer je drie nazorggesprekken met ${employee} (protocol, Bijlage 5). Op deze momenten zijn jullie allebei vrij. Met "Inplannen" zet ik ze in jouw agenda met een Teams-vergadering en nodig ik ${employee} uit.`,
    facts: plan.problem
      ? ([1, 2, 3] as const).map((talk) => ({
          title: talkLabel(talk),
          value: windowText(talk, plan.incidentAt, calendar),
        }))
      : plan.proposed.map((slot) => ({
          title: talkLabel(slot.talk),
          value: slot.start && slot.end ? slotText(slot.start, slot.end) : 'geen vrij moment gevonden',
        })),
    notice,
    showPlan: !plan.problem && allFound,
    showOther: !plan.problem || plan.problem === 'unavailable',
    showSelf: true,
  });
}

export function reminderCard(plan: AftercarePlan, talk: TalkNumber, start: string, end: string, joinUrl?: string) {
  const agenda = talkAgendas[talk];
  return renderCard(reminderTemplate, {
    title: `Binnenkort: ${agenda.title.toLowerCase()} met ${plan.employee.name}`,
    text: `Een werkdag vooraf de agenda van het gesprek (protocol, Bijlage 5). Vul tijdens het gesprek samen het nazorgformulier in; ik stuur het je na afloop.`,
    facts: [
      { title: 'Wanneer', value: slotText(start, end) },
      { title: 'Incident', value: `${plan.number} van ${dateText(plan.incidentAt)}` },
    ],
    points: agenda.points,
    joinUrl: joinUrl ?? '',
  });
}

export function formCard(plan: AftercarePlan, talk: TalkNumber, notice = ''): AdaptiveCard {
  return renderCard(formTemplate, {
    title: `Nazorgformulier, gesprek ${talk}: ${plan.employee.name}`,
    text: `Incident ${plan.number} van ${dateText(plan.incidentAt)}. Vul dit samen in en lees het samen na; het wordt bij het incident bewaard.`,
    notice,
    number: plan.number,
    talk: String(talk),
    supportChoices: supportKinds.map((kind) => ({ title: supportLabels[kind], value: kind })),
    askProcessed: talk === 3,
  });
}

export function formStoredCard(plan: AftercarePlan, talk: TalkNumber, form: AftercareForm): AdaptiveCard {
  const refer = talk === 3 && form.processedEnough === false;
  return renderCard(noteTemplate, {
    title: `Nazorgformulier opgeslagen: gesprek ${talk}`,
    text: `Bewaard bij incident ${plan.number}. Jullie zijn het allebei eens met wat er staat.`,
    facts: [
      { title: 'Hoe gaat het', value: form.wellbeing },
      { title: 'Klachten', value: form.complaints || 'geen ingevuld' },
      {
        title: 'Steun',
        value: form.support.length > 0 ? form.support.map((kind) => supportLabels[kind]).join(', ') : 'geen',
      },
      { title: 'Verwijzing', value: form.referral || 'geen' },
      ...(talk === 3 ? [{ title: 'Voldoende verwerkt', value: form.processedEnough ? 'ja' : 'nee' }] : []),
    ],
    notice: refer
      ? `${plan.employee.name} heeft het nog niet voldoende verwerkt. Verwijs naar professionele hulp: bedrijfsmaatschappelijk werk of de arbodienst, of traumazorg bij een specialist (protocol, Bijlage 5). Leg de verwijzing vast in het personeelsdossier.`
      : '',
  });
}

export function noteCard(title: string, text: string, notice = ''): AdaptiveCard {
  return renderCard(noteTemplate, { title, text, facts: [], notice });
}

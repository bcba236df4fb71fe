import alarmTemplate from '../../cards/outside-alarm.json';
import checkTemplate from '../../cards/outside-check.json';
import checkoutTemplate from '../../cards/outside-checkout.json';
import noticeTemplate from '../../cards/outside-notice.json';
import suspicionManagerTemplate from '../../cards/outside-suspicion-manager.json';
import suspicionTemplate from '../../cards/outside-suspicion.json';
import visitTemplate from '../../cards/outside-visit.json';
import { renderCard } from '../platform/cards/render-card';
import type { AdaptiveCard } from '../shared/messenger';
import { localParts, two } from '../shared/time-format';
import { riskAdvice, riskQuestions } from './risk-rules';
import type { Profile, Suspicion, Visit } from './visit-model';

/** "14:30" in local time. */
export function clockText(iso: string | Date): string {
  const { hour, minute } = localParts(typeof iso === 'string' ? new Date(iso) : iso);
  return `${two(hour)}:${two(minute)}`;
}

export function checkoutCard(profile: Profile | undefined, now: Date): AdaptiveCard {
  return renderCard(checkoutTemplate, {
    until: clockText(new Date(now.getTime() + 60 * 60_000)),
    risks: riskQuestions.map(({ id, question }) => ({ id, question })),
    phone: profile?.phone ?? '',
    manager: profile?.manager?.name ?? '',
  });
}

/** The visit as its person sees it: open with "Ik ben terug" and "Alarm", or closed. */
export function visitCard(visit: Visit, notes: readonly string[] = []): AdaptiveCard {
  const open = visit.status === 'open';
  const advice = riskAdvice(visit.risks).advice ?? '';
  const statusText = open
    ? visit.alarm
      ? 'Het Halteam is gewaarschuwd.'
      : `Ben je om ${clockText(visit.until)} niet terug gemeld, dan vraag ik of alles goed is.`
    : `Je bent terug gemeld om ${clockText(visit.closedAt ?? visit.until)}. Het adres is gewist.`;
  return renderCard(visitTemplate, {
    title: open ? 'Huisbezoek: je bent uitgecheckt' : 'Huisbezoek afgesloten',
    place: visit.place,
    until: clockText(visit.until),
    companion: visit.companion ?? 'niemand',
    advice,
    statusText: [statusText, ...notes].join(' '),
    open,
    visitId: visit.id,
  });
}

export function checkCard(visit: Visit, text: string): AdaptiveCard {
  return renderCard(checkTemplate, { text, open: visit.status === 'open' && !visit.alarm, visitId: visit.id });
}

export function alarmChoiceCard(locations: readonly string[], lastPlace: string | undefined): AdaptiveCard {
  return renderCard(alarmTemplate, {
    locations,
    lastPlace: lastPlace ?? '',
    typedLabel: locations.length > 0 ? 'Of typ waar je bent' : 'Waar ben je?',
  });
}

export function noticeCard(
  title: string,
  text: string,
  color: 'Default' | 'Attention' | 'Good' = 'Default',
): AdaptiveCard {
  return renderCard(noticeTemplate, { title, text, color });
}

export function suspicionCard(profile: Profile | undefined): AdaptiveCard {
  return renderCard(suspicionTemplate, { manager: profile?.manager?.name ?? '' });
}

export function suspicionManagerCard(suspicion: Suspicion): AdaptiveCard {
  return renderCard(suspicionManagerTemplate, {
    intro: `${suspicion.by.name} meldt een vermoeden van agressie. Het protocol: bespreek samen de aanpak en informeer collega's.`,
    about: suspicion.about,
    noticed: suspicion.noticed,
    planned: suspicion.plannedContact ?? '-',
    teamNote: suspicion.teamNote ? 'gedeeld in het dagstart-kanaal' : 'geen',
    statusText: suspicion.discussed
      ? `Besproken: ${suspicion.discussed.by.name} om ${clockText(suspicion.discussed.at)}.`
      : 'Nog niet besproken.',
    open: !suspicion.discussed,
    suspicionId: suspicion.id,
  });
}

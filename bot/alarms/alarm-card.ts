import alarmTemplate from '../../cards/alarm.json';
import { renderCard } from '../platform/cards/render-card';
import type { Mention, OutgoingMessage, TeamMember } from '../shared/messenger';
import { dayAndTime, timeOfDay } from '../shared/time-format';
import { alarmKindLabels, outcomeLabels, outcomes, type Alarm } from './alarm-model';
import { stillNeeded, timeline } from './alarm-rules';

/** The alarm as the Halteam sees it in the channel: the same function renders every state. */
export function alarmMessage(alarm: Alarm, options: { needed: number; mention: TeamMember[] }): OutgoingMessage {
  const open = alarm.status === 'open';
  const mention = open ? options.mention : [];
  const mentions: Mention[] = mention.map((member) => ({ userId: member.id, name: member.name }));
  const needed = stillNeeded(alarm, options.needed);
  const statusText = open
    ? needed > 0
      ? 'Open'
      : 'Open: genoeg mensen onderweg'
    : `Afgehandeld: ${outcomeLabels[alarm.closed.outcome]}`;
  const card = renderCard(alarmTemplate, {
    exercise: alarm.exercise,
    headerStyle: alarm.exercise ? 'warning' : open ? 'attention' : 'good',
    title:
      alarm.kind === 'teams'
        ? 'Alarm via Teams'
        : `${alarm.exercise ? 'Oefening' : 'Alarm'}: ${alarmKindLabels[alarm.kind].toLowerCase()}`,
    // A person alarm: who to find and how to phone them (a button stays in its place).
    personText: alarm.raisedBy
      ? `${alarm.raisedBy.name}, telefoon ${alarm.raisedBy.phone ?? 'onbekend'} (${alarm.raisedBy.how})`
      : '',
    location: alarm.raisedBy?.address ?? alarm.location,
    policeComing: alarm.kind === 'paniekknop' && !alarm.exercise && open,
    pressedAtText: dayAndTime(alarm.pressedAt),
    presses: String(alarm.presses),
    statusText,
    mentionText: mention.length > 0 ? `Halteam: ${mention.map((member) => `<at>${member.name}</at>`).join(', ')}` : '',
    responders: alarm.responders.map((responder) => ({ name: responder.name, since: timeOfDay(responder.at) })),
    open,
    stillNeeded: needed,
    closedText:
      alarm.status === 'closed'
        ? `Afgehandeld om ${timeOfDay(alarm.closed.at)} door ${alarm.closed.by.name}: ${outcomeLabels[alarm.closed.outcome]}`
        : '',
    timeline: timeline(alarm).map((entry) => ({ time: timeOfDay(entry.at), what: entry.what })),
    outcomes: outcomes.map((value) => ({ value, title: outcomeLabels[value] })),
    buttonId: alarm.buttonId,
    alarmId: alarm.id,
  });
  return { card, mentions };
}

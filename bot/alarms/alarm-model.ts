import { kindLabels, type ButtonKind } from './button-model';

/** Alarms a person raises without a button: from Teams itself, or a home visit they did not return from. */
export const personAlarmKinds = ['teams', 'huisbezoek'] as const;
export type PersonAlarmKind = (typeof personAlarmKinds)[number];
export type AlarmKind = ButtonKind | PersonAlarmKind;

export const alarmKindLabels: Record<AlarmKind, string> = {
  ...kindLabels,
  teams: 'Alarm via Teams',
  huisbezoek: 'Huisbezoek',
};

/** Who raised a person alarm, as the Halteam needs to reach them (the directory's name and phone). */
export interface RaisedBy {
  id: string;
  aadObjectId?: string;
  name: string;
  phone?: string;
  /**
   * A home visit's address: on the card only (the digest, the overview and escalations show `location`,
   * the district), and removed once the visit closes.
   */
  address?: string;
  /** What started it, for the card's timeline ("Alarm gegeven via Teams", "Niet teruggemeld van huisbezoek"). */
  how: string;
}

export const outcomes = ['vertrokken', 'politie-ter-plaatse', '112-gebeld', 'loos-alarm'] as const;
export type Outcome = (typeof outcomes)[number];

export const outcomeLabels: Record<Outcome, string> = {
  vertrokken: 'Agressor is vertrokken',
  'politie-ter-plaatse': 'Politie ter plaatse',
  '112-gebeld': '112 gebeld',
  'loos-alarm': 'Loos alarm',
};

export interface Person {
  id: string;
  aadObjectId?: string;
  name: string;
}

export interface Responder extends Person {
  at: string;
}

export interface Escalation {
  level: 1 | 2;
  at: string;
  /** Where the escalation went: the Halteam thread, reception, or the fallback. */
  to: 'halteam' | 'receptie' | 'fallback';
}

/** The escalation message to reception (or, without a reception channel, in the Halteam thread). */
export interface ReceptionPost {
  conversationId: string;
  activityId: string;
}

/** An activity-feed push of one level (0: the new alarm, 1 and 2: the escalations). */
export interface Push {
  level: 0 | 1 | 2;
  at: string;
  /** Entra object ids pushed (names where known). */
  people: { id: string; name?: string }[];
}

export interface PostedCard {
  conversationId: string;
  activityId: string;
  postedAt: string;
}

interface AlarmBase {
  id: string;
  buttonId: string;
  kind: AlarmKind;
  location: string;
  /** Set on a person alarm (kind teams or huisbezoek); its `buttonId` is then the person's alarm slot. */
  raisedBy?: RaisedBy;
  /** A test press: marked OEFENING, no escalation. */
  exercise: boolean;
  pressedAt: string;
  receivedAt: string;
  presses: number;
  /** When the latest presses arrived (at most a minute's worth), to refuse a button that floods. */
  pressTimes?: string[];
  /** When each later press arrived (the first is `receivedAt`), for the timeline; at most `pressLogMax`. */
  pressLog?: string[];
  responders: Responder[];
  escalations: Escalation[];
  card?: PostedCard;
  receptionPost?: ReceptionPost;
  pushes?: Push[];
}

export interface OpenAlarm extends AlarmBase {
  status: 'open';
}

export interface ClosedAlarm extends AlarmBase {
  status: 'closed';
  closed: { outcome: Outcome; by: Person; at: string };
}

export type Alarm = OpenAlarm | ClosedAlarm;

import type { Person } from '../reports';
import type { PostedMessage } from '../shared/messenger';
import type { CalendarProblem } from './calendar';
import type { TalkNumber } from './slot-rules';

/** Kinds of support the protocol names (Bijlage 5): collegial, professional, trauma care. */
export const supportKinds = ['collegiaal', 'professioneel', 'traumazorg'] as const;
export type SupportKind = (typeof supportKinds)[number];
export const supportLabels: Record<SupportKind, string> = {
  collegiaal: 'Collegiale opvang',
  professioneel: 'Professionele hulp (bedrijfsmaatschappelijk werk / arbodienst)',
  traumazorg: 'Traumazorg (specialist)',
};

/** The nazorgformulier the manager fills in and both agree to during each talk (Bijlage 5). */
export interface AftercareForm {
  wellbeing: string;
  complaints: string;
  support: SupportKind[];
  referral: string;
  /** Talk 3 only: "voldoende verwerkt?" */
  processedEnough?: boolean;
  /** Manager and employee both agreed to what is written. */
  agreed: true;
  filledAt: string;
  filledBy: string;
}

export interface PlannedTalk {
  talk: TalkNumber;
  eventId: string;
  start: string;
  end: string;
  state: 'planned' | 'cancelled';
  form?: AftercareForm;
  formRemindedAt?: string;
}

export interface ProposedSlot {
  talk: TalkNumber;
  /** Absent when the talk's window holds no free moment. */
  start?: string;
  end?: string;
}

export interface AftercarePlan {
  /** The incident number, AGR-2026-0042. */
  number: string;
  incidentAt: string;
  manager: Person;
  employee: Person;
  state: 'offered' | 'scheduled' | 'self';
  /** Changes with every new proposal ("Andere tijden"); the events' transactionIds derive from it. */
  proposalId: string;
  proposed: ProposedSlot[];
  /** Starts already proposed and turned down. */
  skipped: string[];
  /** Why the calendar could not be used, when it could not. */
  problem?: CalendarProblem;
  talks: PlannedTalk[];
  /**
   * Where the offer card went, once it was sent; its activityId is '' when the service gave none or
   * when the send's outcome was unknown (the card may not have arrived: `nazorg <nummer>` sends it anew).
   */
  offer?: PostedMessage;
}

/** What the employee agreed to share: only the incident number and date (privacy, seed 000 3.3). */
export const talkAgendas: Record<TalkNumber, { title: string; when: string; points: string[] }> = {
  1: {
    title: 'Nazorggesprek 1',
    when: '1–2 dagen na het incident',
    points: [
      'Wat is er gebeurd? Samen de gebeurtenis reconstrueren.',
      'Hoe reageerde je, en hoe gaat het nu?',
      'Steun regelen: collega’s, thuis, professionele hulp.',
      'Moet de cliënt naar een collega worden overgedragen?',
      'Is deskundige hulp nodig?',
    ],
  },
  2: {
    title: 'Nazorggesprek 2',
    when: '2 weken na het incident',
    points: [
      'Nog eens terugkijken op de gebeurtenis.',
      'Hoe gaat de verwerking?',
      'Klachten en verschijnselen (slapen, schrikken, concentratie).',
      'Is deskundige hulp nodig?',
    ],
  },
  3: {
    title: 'Nazorggesprek 3',
    when: '4–6 weken na het incident',
    points: [
      'Terugblik: is het voldoende verwerkt?',
      'Zo niet: verwijzen naar professionele hulp (bedrijfsmaatschappelijk werk / arbodienst).',
    ],
  },
};

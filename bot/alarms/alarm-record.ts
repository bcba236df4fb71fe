import { z } from 'zod';
import { outcomes, personAlarmKinds, type Alarm } from './alarm-model';
import { authModes, buttonKinds } from './button-model';
import { entityKeys, optionalColumn, versioned, recordSchema } from '../platform/storage/records';

const person = z.object({ id: z.string(), aadObjectId: z.string().optional(), name: z.string() });

const alarmBase = {
  id: z.string(),
  buttonId: z.string(),
  kind: z.enum([...buttonKinds, ...personAlarmKinds]),
  location: z.string(),
  raisedBy: z
    .object({
      id: z.string(),
      aadObjectId: z.string().optional(),
      name: z.string(),
      phone: z.string().optional(),
      address: z.string().optional(),
      how: z.string(),
    })
    .optional(),
  exercise: z.boolean(),
  pressedAt: z.string(),
  receivedAt: z.string(),
  presses: z.number(),
  pressTimes: z.array(z.string()).optional(),
  responders: z.array(person.extend({ at: z.string() })),
  escalations: z.array(
    z.object({
      level: z.union([z.literal(1), z.literal(2)]),
      at: z.string(),
      to: z.enum(['halteam', 'receptie', 'fallback']),
    }),
  ),
  card: z.object({ conversationId: z.string(), activityId: z.string(), postedAt: z.string() }).optional(),
  pressLog: z.array(z.string()).optional(),
  receptionPost: z.object({ conversationId: z.string(), activityId: z.string() }).optional(),
  pushes: z
    .array(
      z.object({
        level: z.union([z.literal(0), z.literal(1), z.literal(2)]),
        at: z.string(),
        people: z.array(z.object({ id: z.string(), name: z.string().optional() })),
      }),
    )
    .optional(),
};

/** An alarm as stored in the `data` column of its row (version 1). */
export const alarmRecord = versioned(
  recordSchema<Alarm>()(
    z.discriminatedUnion('status', [
      z.object({ ...alarmBase, status: z.literal('open') }),
      z.object({
        ...alarmBase,
        status: z.literal('closed'),
        closed: z.object({ outcome: z.enum(outcomes), by: person, at: z.string() }),
      }),
    ]),
  ),
);

/** A button's registry row, with its open-alarm slots ('' when free). */
export const buttonEntity = z.object({
  ...entityKeys,
  kind: z.enum(buttonKinds),
  location: z.string(),
  authMode: z.enum(authModes),
  secret: z.string(),
  previousSecret: optionalColumn,
  previousSecretValidUntil: optionalColumn,
  createdAt: z.string(),
  openAlarmId: optionalColumn,
  openExerciseId: optionalColumn,
});
export type ButtonEntity = z.infer<typeof buttonEntity>;

/** A person's alarm slot row (`person`): their open alarm, as a button row holds a button's ('' when free). */
export const personSlotEntity = z.object({ ...entityKeys, openAlarmId: optionalColumn });

/** A button's status row: when it was last pressed, tested and heard from. */
export const buttonStatusEntity = z.object({
  lastPressAt: optionalColumn,
  lastTestAt: optionalColumn,
  lastHeartbeatAt: optionalColumn,
});

/**
 * An alarm row is also its outbox: `cardState` and `escalationState` say what is left to do, and the
 * lease columns say which instance is doing it until when. Where the card landed is kept in columns of
 * its own, so that it is written without reading first (see keepCardPlace).
 */
export const alarmEntity = z.object({
  ...entityKeys,
  data: z.string(),
  status: z.enum(['open', 'closed']),
  receivedAt: z.string(),
  cardState: z.enum(['pending', 'posted']),
  /** Absent on rows written before escalations were part of the outbox. */
  escalationState: z.enum(['pending', 'stored', 'none']).optional(),
  deliveryLeaseUntil: z.string(),
  deliveryOwner: optionalColumn,
  deliveryAttempts: z.number().optional(),
  cardConversationId: optionalColumn,
  cardActivityId: optionalColumn,
  cardPostedAt: optionalColumn,
});
export type AlarmEntity = z.infer<typeof alarmEntity>;

/** A webhook id the button delivered, and the alarm it went to (for duplicates). */
export const hookEntity = z.object({ alarmId: z.string() });

import { z } from 'zod';
import {
  aggressionForms,
  placeKinds,
  threatTargets,
  type IncidentReport,
  type Person,
  type SamePersonAnswer,
} from './report-model';
import type { DraftRecord } from './report-store';
import { entityKeys, optionalColumn, versioned, recordSchema } from '../platform/storage/records';

export const personSchema = recordSchema<Person>()(
  z.object({
    id: z.string(),
    aadObjectId: z.string().optional(),
    name: z.string(),
  }),
);

const remotePlaceKinds = placeKinds.filter(
  (kind): kind is Exclude<(typeof placeKinds)[number], 'location' | 'anders'> => kind !== 'anders',
);

const incidentReport = z.object({
  number: z.string(),
  draftId: z.string(),
  submittedAt: z.string(),
  reporter: personSchema,
  subject: z.union([
    z.object({ kind: z.literal('self') }),
    z.object({ kind: z.literal('colleague'), victim: personSchema }),
  ]),
  occurredAt: z.string(),
  place: z.union([
    z.object({ kind: z.literal('location'), name: z.string() }),
    z.object({ kind: z.enum(remotePlaceKinds) }),
    z.object({ kind: z.literal('anders'), description: z.string() }),
  ]),
  forms: z.array(z.enum(aggressionForms)),
  threatTargets: z.array(z.enum(threatTargets)).optional(),
  severalAggressors: z.enum(['ja', 'nee', 'onbekend']).optional(),
  description: z.string(),
  injury: z.boolean(),
  damage: z.boolean(),
  weapons: z.boolean(),
  police: z.enum(['ja', 'nee', 'gebeld']),
  aggressor: z.union([
    z.object({ kind: z.literal('unknown') }),
    z.object({ kind: z.literal('known'), identification: z.string() }),
  ]),
  witnesses: z.union([
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('named'), names: z.string() }),
  ]),
  manager: personSchema,
  nameInDagstart: z.boolean(),
  source: z.union([
    z.object({ kind: z.literal('chat') }),
    z.object({
      kind: z.literal('alarm'),
      buttonId: z.string(),
      alarmId: z.string(),
      responders: z.array(z.string()),
    }),
  ]),
  samePerson: z.array(z.object({ number: z.string(), same: z.boolean(), by: z.string(), at: z.string() })).optional(),
});

/** A submitted report as stored in the `data` column of its row (version 1). */
export const reportRecord = versioned(recordSchema<IncidentReport>()(incidentReport));

/** The `samePerson` column: the manager's answers about earlier reports. */
export const samePersonColumn = z.array(
  z.object({ number: z.string(), same: z.boolean(), by: z.string(), at: z.string() }),
) satisfies z.ZodType<SamePersonAnswer[]>;

/** The `delivered` column: the deliveries that went out. */
export const deliveredColumn = z.array(z.string());

/** A report row: the report as JSON and the columns queries filter on. */
export const reportEntity = z.object({
  ...entityKeys,
  data: z.string(),
  draftId: z.string(),
  alarmId: z.string(),
  aggressorKey: z.string(),
  occurredAt: z.string(),
  submittedAt: z.string(),
  deliveryState: z.enum(['pending', 'done']),
  delivered: optionalColumn,
  /** JSON of SamePersonAnswer[]: the manager's answers for repeat detection, beside the report as submitted. */
  samePerson: optionalColumn,
});

/** A `draft-…` row: which report a submitted draft became. */
export const draftIndexEntity = z.object({ number: z.string() });

/** A draft in progress as stored in the `data` column of its row (version 1). */
export const draftRecord = versioned(
  recordSchema<DraftRecord>()(
    z.object({
      draftId: z.string(),
      user: personSchema,
      conversation: z.object({ channelId: z.string(), id: z.string() }),
      startedAt: z.string(),
      lastActivityAt: z.string(),
      remindedAt: z.string().optional(),
    }),
  ),
);

export const draftEntity = z.object({ data: z.string(), lastActivityAt: optionalColumn, remindedAt: optionalColumn });

/** A year's incident counter. */
export const counterEntity = z.object({ etag: z.string(), value: z.number() });

import { z } from 'zod';
import type { DamageRecord, MeasureRecord } from './measure-store';
import { measureKinds } from './measure-rules';
import { personSchema } from '../reports';
import { versioned, recordSchema } from '../platform/storage/records';

/** A measure as stored in the `data` column of its row (version 1). */
export const measureRecord = versioned(
  recordSchema<MeasureRecord>()(
    z.object({
      id: z.string(),
      number: z.string(),
      kind: z.enum(measureKinds),
      startDate: z.string().optional(),
      endDate: z.string().optional(),
      advised: z.string().optional(),
      deviationReason: z.string().optional(),
      aangifte: z.union([
        z.object({ status: z.literal('gedaan'), date: z.string(), by: z.string(), underNumber: z.boolean() }),
        z.object({ status: z.literal('nog-niet') }),
        z.object({ status: z.literal('niet-nodig'), reason: z.string().optional() }),
      ]),
      decidedBy: personSchema,
      decidedAt: z.string(),
      subject: z.object({ name: z.string(), photoUrl: z.string().optional() }).optional(),
      letterKey: z.string(),
      receptionToldAt: z.string().optional(),
      tellReceptionAs: z.literal('changed').optional(),
      endToldAt: z.string().optional(),
      purgedAt: z.string().optional(),
      revision: z.number().optional(),
      changedAt: z.string().optional(),
      changedBy: personSchema.optional(),
      history: z.array(z.object({ summary: z.string(), decidedAt: z.string(), by: z.string() })).optional(),
      liftedAt: z.string().optional(),
      liftedBy: personSchema.optional(),
      liftReason: z.string().optional(),
      liftToldAt: z.string().optional(),
    }),
  ),
);

/** A damage claim as stored in the `data` column of its row (version 1). */
export const damageRecord = versioned(
  recordSchema<DamageRecord>()(
    z.object({
      number: z.string(),
      amountCents: z.number(),
      nature: z.enum(['materieel', 'immaterieel', 'beide']),
      insurerReported: z.boolean(),
      claimed: z.boolean(),
      paid: z.boolean(),
      manager: personSchema,
      updatedBy: personSchema,
      updatedAt: z.string(),
    }),
  ),
);

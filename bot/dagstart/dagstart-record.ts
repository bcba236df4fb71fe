import { z } from 'zod';
import type { DagstartCardRecord } from './dagstart-store';
import { versioned, recordSchema } from '../platform/storage/records';

/** Where an incident's dagstart card landed, as stored in the `data` column of its row (version 1). */
export const dagstartCardRecord = versioned(
  recordSchema<DagstartCardRecord>()(
    z.object({
      entry: z.object({
        number: z.string(),
        occurredAt: z.string(),
        place: z.string(),
        forms: z.array(z.string()),
        victimName: z.string().optional(),
        police: z.string(),
        measure: z.string().optional(),
      }),
      posted: z.object({ conversationId: z.string(), activityId: z.string() }),
    }),
  ),
);

/** The `digest/last` row: the due moment of the last digest posted. */
export const lastDigestEntity = z.object({ at: z.string() });

/** The `digest/planned` row: the digest job planned last. */
export const plannedDigestEntity = z.object({ jobId: z.string(), date: z.string() });

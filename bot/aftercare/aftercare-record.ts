import { z } from 'zod';
import type { AftercarePlan } from './aftercare-model';
import { supportKinds } from './aftercare-model';
import { personSchema } from '../reports';
import { versioned, recordSchema } from '../platform/storage/records';

const talkNumber = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** An aftercare plan as stored in the `data` column of its row (version 1). */
export const aftercareRecord = versioned(
  recordSchema<AftercarePlan>()(
    z.object({
      number: z.string(),
      incidentAt: z.string(),
      manager: personSchema,
      employee: personSchema,
      state: z.enum(['offered', 'scheduled', 'self']),
      proposalId: z.string(),
      proposed: z.array(z.object({ talk: talkNumber, start: z.string().optional(), end: z.string().optional() })),
      skipped: z.array(z.string()),
      problem: z.enum(['forbidden', 'unknown-user', 'unavailable', 'not-configured']).optional(),
      talks: z.array(
        z.object({
          talk: talkNumber,
          eventId: z.string(),
          start: z.string(),
          end: z.string(),
          state: z.enum(['planned', 'cancelled']),
          form: z
            .object({
              wellbeing: z.string(),
              complaints: z.string(),
              support: z.array(z.enum(supportKinds)),
              referral: z.string(),
              processedEnough: z.boolean().optional(),
              agreed: z.literal(true),
              filledAt: z.string(),
              filledBy: z.string(),
            })
            .optional(),
          formRemindedAt: z.string().optional(),
        }),
      ),
      offer: z.object({ conversationId: z.string(), activityId: z.string() }).optional(),
    }),
  ),
);

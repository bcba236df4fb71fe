import { z } from 'zod';
import type { DutyStatement, RosterDay } from './duty-rules';
import { versioned, recordSchema } from '../platform/storage/records';

/** A member's latest word about their duty, as stored in the `data` column (version 1). */
export const dutyStatementRecord = versioned(
  recordSchema<DutyStatement>()(
    z.object({
      memberId: z.string(),
      name: z.string(),
      status: z.enum(['aanwezig', 'afwezig']),
      at: z.string(),
      until: z.string(),
    }),
  ),
);

/** A roster day, as stored in the `data` column (version 1). */
export const rosterDayRecord = versioned(
  recordSchema<RosterDay>()(
    z.object({
      date: z.string(),
      memberIds: z.array(z.string()),
      by: z.string(),
      at: z.string(),
    }),
  ),
);

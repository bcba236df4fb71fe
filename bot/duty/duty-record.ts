import { z } from 'zod';
import type { DutyStatement, RosterDay } from './duty-rules';
import { versioned } from '../platform/storage/records';

/** A member's latest word about their duty, as stored in the `data` column (version 1). */
export const dutyStatementRecord = versioned(
  z.object({
    memberId: z.string(),
    name: z.string(),
    status: z.enum(['aanwezig', 'afwezig']),
    at: z.string(),
    until: z.string(),
  }) satisfies z.ZodType<DutyStatement>,
);

/** A roster day, as stored in the `data` column (version 1). */
export const rosterDayRecord = versioned(
  z.object({
    date: z.string(),
    memberIds: z.array(z.string()),
    by: z.string(),
    at: z.string(),
  }) satisfies z.ZodType<RosterDay>,
);

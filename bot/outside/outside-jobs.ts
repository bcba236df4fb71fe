import { z } from 'zod';
import { defineJob } from '../shared/jobs';

const overduePayload = z.object({ visitId: z.string().min(1), until: z.string().min(1) });

/** At a visit's end time: "Alles goed?" to the person. */
export const askJob = defineJob({ kind: 'huisbezoek.vraag', payload: overduePayload });

/** After the grace: the alarm. Never given up while it is due (the alarm itself is deduped per job). */
export const overdueAlarmJob = defineJob({
  kind: 'huisbezoek.alarm',
  payload: overduePayload,
  retry: { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 1_000, maxDelayMs: 15_000 },
});

/** Daily: addresses of visits nobody closed are forgotten, old records removed. */
export const cleanUpJobType = defineJob({ kind: 'buiten.opruimen', payload: z.object({}).strict() });

import { z } from 'zod';

/** The body a button sends. Unknown fields are refused, so a typo in a device's config is noticed. */
export const buttonEventSchema = z.strictObject({
  type: z.enum(['press', 'test', 'heartbeat']),
  pressedAt: z.iso.datetime({ offset: true }),
});

export type ButtonEventBody = z.infer<typeof buttonEventSchema>;

/** How far a press may lie in the past (a device that queued it while offline) or ahead (its clock). */
export const pressedAtWindow = { pastMs: 24 * 60 * 60 * 1000, aheadMs: 5 * 60 * 1000 } as const;

/**
 * `pressedAt` must lie within [now − 24 h, now + 5 min]: a time in 1970 or 9999 is a broken device
 * clock, and the card would show it to the Halteam. A check of its own after the schema (one schema
 * built per request would cost more than the rest of the parse).
 */
export function pressedAtProblem(pressedAt: string, now: Date): string | undefined {
  const at = Date.parse(pressedAt);
  const inWindow = at >= now.getTime() - pressedAtWindow.pastMs && at <= now.getTime() + pressedAtWindow.aheadMs;
  return inWindow ? undefined : 'pressedAt: must lie within the last 24 hours and at most 5 minutes ahead';
}

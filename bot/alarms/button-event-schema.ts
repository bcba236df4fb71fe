import { z } from 'zod';

/** The body a button sends. Unknown fields are refused, so a typo in a device's config is noticed. */
export const buttonEventSchema = z.strictObject({
  type: z.enum(['press', 'test', 'heartbeat']),
  pressedAt: z.iso.datetime({ offset: true }),
});

export type ButtonEventBody = z.infer<typeof buttonEventSchema>;

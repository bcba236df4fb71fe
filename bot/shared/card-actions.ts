import type { z } from 'zod';
import type { CardAction, CardActionContext, CardActionResult } from './commands';
import { errorCodes, HalteamError } from './errors';

/**
 * A card's button: its verb, the schema of the data it carries, and what a click does. The data is
 * parsed with the schema before `handle` sees it; data that does not fit never reaches it.
 */
export function defineCardAction<T>(spec: {
  verb: string;
  data: z.ZodType<T>;
  handle(data: T, context: CardActionContext): Promise<CardActionResult>;
}): CardAction {
  return {
    verb: spec.verb,
    accept(data) {
      const parsed = spec.data.safeParse(data);
      if (!parsed.success) {
        const error = new HalteamError(errorCodes.invalidInput, `Card data for ${spec.verb} does not fit`, {
          issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
        });
        return { ok: false, error };
      }
      return { ok: true, handle: (context) => spec.handle(parsed.data, context) };
    },
  };
}

import { z } from 'zod';

/**
 * The home-visit check-out (Hoofdstuk 4, Huisbezoek: "De medewerker meldt bij collega's wanneer
 * hij/zij vertrekt en terug is"), a person's remembered details, and a reported suspicion of
 * aggression ("Vermoeden agressie"). Every record carries a `version` and is parsed on every read.
 */
export const riskIds = ['bekend', 'dreiging', 'wapens-honden', 'middelen', 'besluit', 'alleen'] as const;
export type RiskId = (typeof riskIds)[number];

export const personSchema = z.object({
  id: z.string().min(1),
  aadObjectId: z.string().optional(),
  name: z.string().min(1),
});
export type OutsidePerson = z.infer<typeof personSchema>;

export const visitSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  person: personSchema,
  /** The address while the visit is open; afterwards only the district or "huisbezoek". */
  place: z.string().min(1),
  placeReduced: z.boolean(),
  district: z.string().optional(),
  startedAt: z.string(),
  /** When the person expects to be back (ISO); an extension moves it. */
  until: z.string(),
  companion: z.string().optional(),
  /** The risk questions answered "ja". */
  risks: z.array(z.enum(riskIds)),
  status: z.enum(['open', 'closed']),
  extensions: z.number().int().min(0),
  /** When "Alles goed?" went out for the current `until`. */
  askedAt: z.string().optional(),
  alarm: z
    .object({ id: z.string(), at: z.string(), how: z.enum(['stil', 'help']), managerToldAt: z.string().optional() })
    .optional(),
  /** Alarms of this visit before the current one (a second "Help" after the first alarm was closed). */
  earlierAlarmIds: z.array(z.string()).optional(),
  riskManagerToldAt: z.string().optional(),
  closedAt: z.string().optional(),
  closedHow: z.enum(['terug', 'veilig', 'vergeten']).optional(),
});
export type Visit = z.infer<typeof visitSchema>;

export const profileSchema = z.object({
  version: z.literal(1),
  personId: z.string().min(1),
  phone: z.string().optional(),
  manager: personSchema.optional(),
  /** The place of the person's last Teams alarm: offered as one tap next time. */
  lastPlace: z.string().optional(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

export const suspicionSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  by: personSchema,
  manager: personSchema.optional(),
  /** Client reference or name: shown to the manager only. */
  about: z.string().min(1),
  noticed: z.string().min(1),
  plannedContact: z.string().optional(),
  /** The optional note for the team (dagstart channel), without victim data. */
  teamNote: z.string().optional(),
  createdAt: z.string(),
  discussed: z.object({ by: personSchema, at: z.string() }).optional(),
});
export type Suspicion = z.infer<typeof suspicionSchema>;

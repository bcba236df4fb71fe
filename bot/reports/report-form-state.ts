import { recordSchema } from '../platform/storage/records';
import { z } from 'zod';
import { aggressionForms, placeKinds, threatTargets } from './report-model';
import type { FormState } from './report-form';
import { stepIds } from './report-steps';

/**
 * The stored form state, parsed on every read. A state that does not fit (written by an older
 * version of the bot) is not guessed at: the person is told and starts again.
 */
const person = z.object({ id: z.string(), aadObjectId: z.string().optional(), name: z.string() });
const stepId = z.enum(stepIds);
const position = z.union([stepId, z.literal('summary')]);
const dayPart = z.enum(['nacht', 'ochtend', 'middag', 'avond']);

const place = z.union([
  z.object({ kind: z.literal('location'), name: z.string() }),
  z.object({ kind: z.literal('anders'), description: z.string() }),
  z.object({ kind: z.enum(placeKinds).exclude(['anders']) }),
]);

const answers = z.object({
  subject: z.enum(['self', 'colleague']).optional(),
  victim: person.optional(),
  occurredAt: z.string().optional(),
  place: place.optional(),
  forms: z.array(z.enum(aggressionForms)).optional(),
  threatTargets: z.array(z.enum(threatTargets)).optional(),
  severalAggressors: z.enum(['ja', 'nee', 'onbekend']).optional(),
  description: z.string().optional(),
  injury: z.boolean().optional(),
  damage: z.boolean().optional(),
  weapons: z.boolean().optional(),
  police: z.enum(['ja', 'nee', 'gebeld']).optional(),
  aggressor: z
    .union([
      z.object({ kind: z.literal('unknown') }),
      z.object({ kind: z.literal('known'), identification: z.string() }),
    ])
    .optional(),
  witnesses: z
    .union([z.object({ kind: z.literal('none') }), z.object({ kind: z.literal('named'), names: z.string() })])
    .optional(),
  manager: person.optional(),
  nameInDagstart: z.boolean().optional(),
});

const sub = z.union([
  z.object({ kind: z.literal('people'), query: z.string(), candidates: z.array(person) }),
  z.object({ kind: z.literal('place-other') }),
  z.object({ kind: z.literal('when-confirm'), at: z.string(), other: z.string().optional() }),
  z.object({ kind: z.literal('when-time'), day: z.string(), part: dayPart.optional() }),
]);

const source = z.union([
  z.object({ kind: z.literal('chat') }),
  z.object({
    kind: z.literal('alarm'),
    buttonId: z.string(),
    alarmId: z.string(),
    responders: z.array(z.string()),
  }),
]);

export const formStateSchema = recordSchema<FormState>()(
  z.object({
    version: z.literal(1),
    draftId: z.string().min(1).max(64),
    reporter: person,
    conversation: z.object({ channelId: z.string(), id: z.string() }),
    startedAt: z.string(),
    lastActivityAt: z.string(),
    position,
    history: z.array(position),
    answers,
    prefilled: z.array(stepId),
    source,
    locations: z.array(z.string()),
    sub: sub.optional(),
  }),
);

import { z } from 'zod';
import { defineCardAction } from '../shared/card-actions';
import type { CardAction } from '../shared/commands';
import { damageData, saveDamage } from './damage';
import { liftData, liftMeasure } from './lift-measure';
import { mayDecide, onlyDamageDecider } from './may-decide';
import { editData, editForm, openForm } from './measure-forms';
import { recordData } from './measure-input';
import type { Background, MeasuresDeps } from './measures-deps';
import { recordMeasure } from './record-measure';

/** The buttons on the measure's cards: open the form, record, change or lift the measure, record damage. */
export function measureCardActions(deps: MeasuresDeps, background: Background): CardAction[] {
  return [
    defineCardAction({
      // "Maatregel vastleggen" on the manager's report card: the form arrives as a new message.
      verb: 'measure.open',
      data: z.object({ number: z.string().min(1).max(40) }),
      async handle({ number }, context) {
        const form = await openForm(number, context, deps);
        if (typeof form === 'string') return { message: form };
        await deps.messenger.sendToUser(context.actor, { card: form });
        return { message: 'Het formulier voor de maatregel staat hieronder.' };
      },
    }),
    defineCardAction({
      verb: 'measure.damage',
      data: damageData,
      async handle(data, context) {
        const stored = await deps.reports.get(data.number);
        if (stored && !(await mayDecide(context, stored.report))) return { message: onlyDamageDecider };
        return saveDamage(data, context.actor, deps);
      },
    }),
    defineCardAction({
      verb: 'measure.record',
      data: recordData,
      handle: (data, context) => recordMeasure(data, context, deps, background),
    }),
    defineCardAction({
      verb: 'measure.edit',
      data: editData,
      handle: (data, context) => editForm(data, context, deps),
    }),
    defineCardAction({
      verb: 'measure.lift',
      data: liftData,
      handle: (data, context) => liftMeasure(data, context, deps, background),
    }),
  ];
}

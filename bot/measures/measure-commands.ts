import { parseIncidentNumber } from '../reports';
import type { Command } from '../shared/commands';
import { damageCard } from './damage';
import { mayDecide, onlyDamageDecider } from './may-decide';
import { openForm } from './measure-forms';
import type { MeasuresDeps } from './measures-deps';

export function maatregelCommand(deps: MeasuresDeps): Command {
  return {
    name: 'maatregel',
    description:
      'Leg de maatregel tegen de agressor vast, met het advies al ingevuld; staat er al een, dan wijzig, verleng of hef je die op.',
    usage: 'maatregel AGR-2026-0001',
    scopes: ['personal'],
    async handle(context) {
      const form = await openForm(context.args, context, deps);
      await context.reply(typeof form === 'string' ? { text: form } : { card: form });
    },
  };
}

export function schadeCommand(deps: MeasuresDeps): Command {
  return {
    name: 'schade',
    description: 'Leg de schade vast die je op de agressor verhaalt, en werk de stand bij.',
    usage: 'schade AGR-2026-0001',
    scopes: ['personal'],
    async handle(context) {
      const number = parseIncidentNumber(context.args);
      if (!number) {
        return context.reply({ text: 'Typ het nummer van de melding erbij, bijvoorbeeld `schade AGR-2026-0001`.' });
      }
      const stored = await deps.reports.get(number);
      if (!stored) return context.reply({ text: `Melding ${number} ken ik niet.` });
      if (!(await mayDecide(context, stored.report))) return context.reply({ text: onlyDamageDecider });
      await context.reply({ card: damageCard(number, await deps.store.getDamage(number)) });
    },
  };
}

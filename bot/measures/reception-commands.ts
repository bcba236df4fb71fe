import type { Command, CommandContext } from '../shared/commands';
import { localDate } from '../shared/time-format';
import { bansInForceText, inForce, longDate, measureKindLabels } from './measure-rules';
import type { MeasureRecord } from './measure-store';
import type { MeasuresDeps } from './measures-deps';
import { checkName } from '../reports';

async function inReceptionChannel(context: CommandContext, deps: MeasuresDeps): Promise<boolean> {
  const binding = await deps.conversations.getBinding('receptie');
  const bound = binding?.reference.conversation?.id?.split(';')[0];
  return bound !== undefined && bound === context.conversation.id.split(';')[0];
}

async function bansNow(deps: MeasuresDeps): Promise<MeasureRecord[]> {
  const today = localDate(deps.clock.now());
  return (await deps.store.all()).filter((measure) => inForce(measure, today) && measure.subject);
}

function banLine(measure: MeasureRecord): string {
  return `${measure.subject?.name}: ${measureKindLabels[measure.kind].toLowerCase()} tot en met ${longDate(measure.endDate as string)}`;
}

const onlyReception = 'Dit werkt alleen in het receptiekanaal.';

/** `verboden` and `check <naam>`: reception's view of the bans in force; the names stay in their channel. */
export function receptionCommands(deps: MeasuresDeps): Command[] {
  return [
    {
      name: 'verboden',
      description: 'De toegangs- en contactverboden die nu gelden (alleen in het receptiekanaal).',
      scopes: ['channel'],
      async handle(context) {
        if (!(await inReceptionChannel(context, deps))) return context.reply({ text: onlyReception });
        const bans = await bansNow(deps);
        if (bans.length === 0) return context.reply({ text: bansInForceText(0) });
        await context.reply({
          text: [bansInForceText(bans.length), ...bans.map((ban) => `- ${banLine(ban)}`)].join('\n\n'),
        });
      },
    },
    {
      name: 'check',
      description: 'Ga na of voor een bezoeker een verbod geldt (alleen in het receptiekanaal).',
      usage: 'check <voornaam of voorletter> <achternaam>',
      scopes: ['channel'],
      async handle(context) {
        if (!(await inReceptionChannel(context, deps))) return context.reply({ text: onlyReception });
        const bans = (await bansNow(deps)).map((ban) => ({ ban, name: ban.subject?.name ?? '' }));
        const result = checkName(context.args, bans);
        deps.logger.info({ outcome: result.kind }, 'reception checked a name');
        if (result.kind === 'need-given-name') {
          return context.reply({
            text: 'Typ een voornaam of voorletter en een achternaam, bijvoorbeeld `check J. de Vries`.',
          });
        }
        if (result.kind === 'none') return context.reply({ text: `Voor "${context.args}" geldt nu geen verbod.` });
        await context.reply({
          text: [
            'Let op: voor deze naam geldt een verbod. Kijk of het dezelfde persoon is (foto, geboortedatum).',
            ...result.found.map(({ ban }) => `- ${banLine(ban)}`),
          ].join('\n\n'),
        });
      },
    },
  ];
}

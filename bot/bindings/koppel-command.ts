import type { Clock } from '../shared/clock';
import type { Command } from '../shared/commands';
import type { ConversationReferenceJson, ConversationStore } from '../shared/conversation-store';
import type { Logger } from '../shared/logger';
import { bindChannel } from './bind-channel';
import { channelRoles } from './channel-roles';

export function koppelCommand(deps: { conversations: ConversationStore; clock: Clock; logger: Logger }): Command {
  const roles = Object.keys(channelRoles).join(', ');
  return {
    name: 'koppel',
    description: 'Koppel dit kanaal aan een taak van de bot (alleen beheerders).',
    usage: `koppel <${Object.keys(channelRoles).join('|')}>`,
    scopes: ['channel', 'personal', 'groupChat'],
    async handle(context) {
      const result = await bindChannel(
        {
          roleWord: context.args,
          conversationKind: context.conversation.kind,
          reference: context.reference as ConversationReferenceJson,
          actorName: context.actor.name,
          // BOT_ADMINS: Entra object ids or e-mail addresses (the Roles service matches both).
          isAdmin: async () => (await context.roles()).has('admin'),
        },
        deps,
      );
      switch (result.kind) {
        case 'bound': {
          const role = channelRoles[result.role];
          deps.logger.info({ role: result.role, by: context.actor.aadObjectId ?? context.actor.id }, 'channel bound');
          const moved = result.previousChannelId ? ' Het vorige kanaal krijgt deze berichten niet meer.' : '';
          await context.reply({ text: `Dit kanaal is nu het **${role.label}**: hier komen ${role.purpose}.${moved}` });
          return;
        }
        case 'not-admin':
          deps.logger.warn({ by: context.actor.aadObjectId ?? context.actor.id }, 'binding refused: not an admin');
          await context.reply({
            text: 'Sorry, alleen beheerders van de Halteam-bot kunnen een kanaal koppelen. Vraag het je beheerder.',
          });
          return;
        case 'not-a-channel':
          await context.reply({ text: 'Koppelen kan alleen in een kanaal van een team. Noem daar @Halteam.' });
          return;
        case 'unknown-role':
          await context.reply({
            text: `Welk soort kanaal is dit? Typ bijvoorbeeld **koppel halteam**. Mogelijk: ${roles}.`,
          });
      }
    },
  };
}

import type { Clock } from '../shared/clock';
import type { ConversationReferenceJson, ConversationStore } from '../shared/conversation-store';
import type { ChannelRole } from '../shared/messenger';
import { parseChannelRole } from './channel-roles';

export type BindChannelResult =
  | { kind: 'bound'; role: ChannelRole; previousChannelId?: string }
  | { kind: 'not-admin' }
  | { kind: 'not-a-channel' }
  | { kind: 'unknown-role'; given: string };

export interface BindChannelInput {
  roleWord: string;
  conversationKind: 'personal' | 'channel' | 'groupChat';
  reference: ConversationReferenceJson;
  actorName: string;
  isAdmin: () => Promise<boolean>;
}

/** `koppel <rol>`: remembers this channel for a role so proactive messages know where to go. */
export async function bindChannel(
  input: BindChannelInput,
  deps: { conversations: ConversationStore; clock: Clock },
): Promise<BindChannelResult> {
  const role = parseChannelRole(input.roleWord);
  if (!role) return { kind: 'unknown-role', given: input.roleWord };
  if (input.conversationKind !== 'channel') return { kind: 'not-a-channel' };
  if (!(await input.isAdmin())) return { kind: 'not-admin' };

  const conversation = input.reference.conversation;
  // A command typed in a reply carries `;messageid=` — the binding is for the channel itself.
  const channelId = (conversation?.id ?? '').split(';messageid=')[0] ?? '';
  const reference: ConversationReferenceJson = {
    ...input.reference,
    activityId: undefined,
    conversation: { ...conversation, id: channelId },
  };
  const previous = await deps.conversations.getBinding(role);
  await deps.conversations.saveBinding({
    role,
    reference,
    boundBy: input.actorName,
    boundAt: deps.clock.now().toISOString(),
  });
  const previousChannelId = previous?.reference.conversation?.id;
  return { kind: 'bound', role, previousChannelId: previousChannelId !== channelId ? previousChannelId : undefined };
}

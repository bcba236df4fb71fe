import type { ChannelRole } from '../../shared/messenger';
import type { ChannelBinding, ConversationReferenceJson, ConversationStore } from '../../shared/conversation-store';
import { getEntityOrUndefined, toKey, type TableProvider } from './table-provider';

interface BindingEntity {
  partitionKey: 'binding';
  rowKey: string;
  reference: string;
  channelName?: string;
  boundBy: string;
  boundAt: string;
}

interface UserEntity {
  partitionKey: 'user';
  rowKey: string;
  reference: string;
}

/**
 * Bindings and user references in one table. A cache in front of the table keeps the alarm path to
 * one storage read at most; writes go through to storage first, so a restart loses nothing.
 */
export function createConversationTable(tables: TableProvider): ConversationStore {
  const table = () => tables.table('conversations');
  const bindingCache = new Map<ChannelRole, { binding: ChannelBinding | undefined; readAt: number }>();
  const cacheMs = 30_000;

  function toBinding(entity: BindingEntity): ChannelBinding {
    return {
      role: entity.rowKey as ChannelRole,
      reference: JSON.parse(entity.reference) as ConversationReferenceJson,
      channelName: entity.channelName,
      boundBy: entity.boundBy,
      boundAt: entity.boundAt,
    };
  }

  return {
    async getBinding(role) {
      const cached = bindingCache.get(role);
      if (cached?.binding && Date.now() - cached.readAt < cacheMs) return cached.binding;
      const entity = await getEntityOrUndefined<BindingEntity>(await table(), 'binding', role);
      const binding = entity ? toBinding(entity) : undefined;
      bindingCache.set(role, { binding, readAt: Date.now() });
      return binding;
    },
    async saveBinding(binding) {
      const entity: BindingEntity = {
        partitionKey: 'binding',
        rowKey: binding.role,
        reference: JSON.stringify(binding.reference),
        channelName: binding.channelName,
        boundBy: binding.boundBy,
        boundAt: binding.boundAt,
      };
      await (await table()).upsertEntity(entity, 'Replace');
      bindingCache.set(binding.role, { binding, readAt: Date.now() });
    },
    async listBindings() {
      const result: ChannelBinding[] = [];
      const entities = (await table()).listEntities<BindingEntity>({
        queryOptions: { filter: `PartitionKey eq 'binding'` },
      });
      for await (const entity of entities) result.push(toBinding(entity as BindingEntity));
      return result;
    },
    async getUserReference(userId) {
      const entity = await getEntityOrUndefined<UserEntity>(await table(), 'user', toKey(userId));
      return entity ? (JSON.parse(entity.reference) as ConversationReferenceJson) : undefined;
    },
    async saveUserReference(userId, reference) {
      const entity: UserEntity = { partitionKey: 'user', rowKey: toKey(userId), reference: JSON.stringify(reference) };
      await (await table()).upsertEntity(entity, 'Replace');
    },
    async anyReference() {
      const entities = (await table()).listEntities<BindingEntity>({
        queryOptions: { filter: `PartitionKey eq 'binding'` },
      });
      for await (const entity of entities) return JSON.parse(entity.reference) as ConversationReferenceJson;
      return undefined;
    },
  };
}

import { z } from 'zod';
import type { ChannelRole } from '../../shared/messenger';
import type { ChannelBinding, ConversationReferenceJson, ConversationStore } from '../../shared/conversation-store';
import { readRecord, versioned, writeRecord, type RecordPlace } from './records';
import { getEntityOrUndefined, toKey, type TableProvider } from './table-provider';

const tableName = 'conversations';

/** A Bot Framework conversation reference: opaque beyond the parts we read, so the rest is kept as it is. */
const referenceRecord = versioned(
  z.looseObject({
    serviceUrl: z.string().optional(),
    conversation: z
      .looseObject({ id: z.string(), tenantId: z.string().optional(), conversationType: z.string().optional() })
      .optional(),
  }) satisfies z.ZodType<ConversationReferenceJson>,
);

const roles = ['halteam', 'dagstart', 'receptie'] as const satisfies readonly ChannelRole[];

const bindingEntity = z.object({
  rowKey: z.enum(roles),
  reference: z.string(),
  channelName: z.string().optional(),
  boundBy: z.string(),
  boundAt: z.string(),
});

const userEntity = z.object({ rowKey: z.string(), reference: z.string() });

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

function referenceOf(json: string, where: RecordPlace): ConversationReferenceJson {
  return readRecord(referenceRecord, json, { ...where, column: 'reference' });
}

function toBinding(found: object): ChannelBinding {
  const where = { table: tableName, partitionKey: 'binding' };
  const entity = readRecord(bindingEntity, found, where);
  return {
    role: entity.rowKey,
    reference: referenceOf(entity.reference, { ...where, rowKey: entity.rowKey }),
    channelName: entity.channelName,
    boundBy: entity.boundBy,
    boundAt: entity.boundAt,
  };
}

/**
 * Bindings and user references in one table. A cache in front of the table keeps the alarm path to
 * one storage read at most; writes go through to storage first, so a restart loses nothing.
 */
export function createConversationTable(tables: TableProvider): ConversationStore {
  const table = () => tables.table(tableName);
  const bindingCache = new Map<ChannelRole, { binding: ChannelBinding | undefined; readAt: number }>();
  const cacheMs = 30_000;

  return {
    async getBinding(role) {
      const cached = bindingCache.get(role);
      if (cached?.binding && Date.now() - cached.readAt < cacheMs) return cached.binding;
      const entity = await getEntityOrUndefined(await table(), 'binding', role);
      const binding = entity ? toBinding(entity) : undefined;
      bindingCache.set(role, { binding, readAt: Date.now() });
      return binding;
    },
    async saveBinding(binding) {
      const entity: BindingEntity = {
        partitionKey: 'binding',
        rowKey: binding.role,
        reference: writeRecord(binding.reference),
        channelName: binding.channelName,
        boundBy: binding.boundBy,
        boundAt: binding.boundAt,
      };
      await (await table()).upsertEntity(entity, 'Replace');
      bindingCache.set(binding.role, { binding, readAt: Date.now() });
    },
    async listBindings() {
      const result: ChannelBinding[] = [];
      const entities = (await table()).listEntities<object>({
        queryOptions: { filter: `PartitionKey eq 'binding'` },
      });
      for await (const entity of entities) result.push(toBinding(entity));
      return result;
    },
    async getUserReference(userId) {
      const rowKey = toKey(userId);
      const found = await getEntityOrUndefined(await table(), 'user', rowKey);
      if (!found) return undefined;
      const where = { table: tableName, partitionKey: 'user', rowKey };
      return referenceOf(readRecord(userEntity, found, where).reference, where);
    },
    async saveUserReference(userId, reference) {
      const entity: UserEntity = { partitionKey: 'user', rowKey: toKey(userId), reference: writeRecord(reference) };
      await (await table()).upsertEntity(entity, 'Replace');
    },
    async anyReference() {
      const entities = (await table()).listEntities<object>({
        queryOptions: { filter: `PartitionKey eq 'binding'` },
      });
      for await (const found of entities) {
        const where = { table: tableName, partitionKey: 'binding' };
        const entity = readRecord(userEntity, found, where);
        return referenceOf(entity.reference, { ...where, rowKey: entity.rowKey });
      }
      return undefined;
    },
  };
}

import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Alarm, OpenAlarm } from '../../alarms/alarm-model';
import { joinPress } from '../../alarms/alarm-rules';
import type { AlarmStore, PressInput, PressResult } from '../../alarms/alarm-store';
import type { Button, ButtonStatus } from '../../alarms/button-model';
import { errorCodes, HalteamError } from '../../shared/errors';
import { getEntityOrUndefined, isConflict, toKey, type TableProvider } from './table-provider';

/**
 * One partition per button: its registry row (`button`), its status row (`status`), the webhook ids
 * it delivered (`hook-…`) and its alarms (`alarm-…`). Keeping them together lets a press be one
 * entity-group transaction: dedupe, open-or-join and last press in a single write.
 */
interface ButtonEntity {
  partitionKey: string;
  rowKey: 'button';
  kind: string;
  location: string;
  authMode: string;
  secret: string;
  previousSecret?: string;
  previousSecretValidUntil?: string;
  createdAt: string;
  openAlarmId?: string;
  openExerciseId?: string;
}

interface AlarmEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
  status: Alarm['status'];
  receivedAt: string;
  cardState: 'pending' | 'posted';
  deliveryLeaseUntil: string;
}

/** The registry part of a button row (not its open-alarm slots, which only presses and closes change). */
function registryFields(button: Button): Omit<ButtonEntity, 'openAlarmId' | 'openExerciseId'> {
  return {
    partitionKey: toKey(button.id),
    rowKey: 'button',
    kind: button.kind,
    location: button.location,
    authMode: button.authMode,
    secret: button.secret,
    previousSecret: button.previousSecret ?? '',
    previousSecretValidUntil: button.previousSecretValidUntil ?? '',
    createdAt: button.createdAt,
  };
}

const alarmRow = (alarmId: string) => `alarm-${toKey(alarmId)}`;
const hookRow = (webhookId: string) => `hook-${toKey(webhookId)}`;

export function createAlarmTable(tables: TableProvider): AlarmStore {
  const table = () => tables.table('alarms');
  /** Button rows with their ETag; a press needs no read while the cache is right (a conflict refreshes it). */
  const buttons = new Map<string, ButtonEntity & { etag: string }>();

  async function readButton(id: string): Promise<(ButtonEntity & { etag: string }) | undefined> {
    const entity = await getEntityOrUndefined<ButtonEntity>(await table(), toKey(id), 'button');
    if (entity) buttons.set(id, entity as ButtonEntity & { etag: string });
    else buttons.delete(id);
    return entity as (ButtonEntity & { etag: string }) | undefined;
  }

  async function readAlarm(client: TableClient, buttonId: string, alarmId: string) {
    return getEntityOrUndefined<AlarmEntity>(client, toKey(buttonId), alarmRow(alarmId));
  }

  function toButton(entity: ButtonEntity): Button {
    return {
      id: entity.partitionKey,
      kind: entity.kind as Button['kind'],
      location: entity.location,
      authMode: entity.authMode as Button['authMode'],
      secret: entity.secret,
      previousSecret: entity.previousSecret || undefined,
      previousSecretValidUntil: entity.previousSecretValidUntil || undefined,
      createdAt: entity.createdAt,
    };
  }

  function alarmEntity(alarm: Alarm, extra: Partial<AlarmEntity> = {}): AlarmEntity {
    return {
      partitionKey: toKey(alarm.buttonId),
      rowKey: alarmRow(alarm.id),
      data: JSON.stringify(alarm),
      status: alarm.status,
      receivedAt: alarm.receivedAt,
      cardState: alarm.card ? 'posted' : 'pending',
      deliveryLeaseUntil: '',
      ...extra,
    };
  }

  async function tryPress(input: PressInput, fresh: boolean): Promise<PressResult | 'retry'> {
    const client = await table();
    const button =
      fresh || !buttons.has(input.buttonId) ? await readButton(input.buttonId) : buttons.get(input.buttonId);
    if (!button) throw new HalteamError(errorCodes.notFound, `Unknown button ${input.buttonId}`);
    const partitionKey = toKey(input.buttonId);
    const slot = input.exercise ? 'openExerciseId' : 'openAlarmId';
    const at = input.receivedAt.toISOString();
    const statusChange = input.exercise ? { lastTestAt: at } : { lastPressAt: at };
    const actions: TransactionAction[] = [];

    let result: PressResult;
    const openId = button[slot];
    const open = openId ? await readAlarm(client, input.buttonId, openId) : undefined;
    if (open && open.status === 'open') {
      const joined = joinPress(JSON.parse(open.data) as OpenAlarm);
      actions.push(['create', { partitionKey, rowKey: hookRow(input.webhookId), alarmId: joined.id, receivedAt: at }]);
      actions.push([
        'update',
        { partitionKey, rowKey: open.rowKey, data: JSON.stringify(joined) },
        'Merge',
        { etag: open.etag },
      ]);
      result = { kind: 'joined', alarm: joined };
    } else {
      const alarm: OpenAlarm = {
        id: input.newAlarmId,
        buttonId: input.buttonId,
        kind: button.kind as OpenAlarm['kind'],
        location: button.location,
        exercise: input.exercise,
        pressedAt: input.pressedAt.toISOString(),
        receivedAt: at,
        presses: 1,
        responders: [],
        escalations: [],
        status: 'open',
      };
      actions.push(['create', { partitionKey, rowKey: hookRow(input.webhookId), alarmId: alarm.id, receivedAt: at }]);
      actions.push([
        'create',
        { ...alarmEntity(alarm, { deliveryLeaseUntil: input.deliveryLeaseUntil.toISOString() }) },
      ]);
      actions.push(['update', { partitionKey, rowKey: 'button', [slot]: alarm.id }, 'Merge', { etag: button.etag }]);
      result = { kind: 'created', alarm };
    }
    actions.push(['upsert', { partitionKey, rowKey: 'status', ...statusChange }, 'Merge']);

    try {
      const response = await client.submitTransaction(actions);
      const etag = response.getResponseForEntity('button')?.etag;
      if (result.kind === 'created' && etag) buttons.set(input.buttonId, { ...button, [slot]: result.alarm.id, etag });
      return result;
    } catch (error) {
      const hook = await getEntityOrUndefined<{ alarmId: string }>(client, partitionKey, hookRow(input.webhookId));
      if (hook) return { kind: 'duplicate', alarmId: hook.alarmId };
      if (isConflict(error)) return 'retry';
      throw error;
    }
  }

  async function listAlarms(filter: string): Promise<Alarm[]> {
    const result: Alarm[] = [];
    for await (const entity of (await table()).listEntities<AlarmEntity>({ queryOptions: { filter } })) {
      result.push(JSON.parse(entity.data) as Alarm);
    }
    return result;
  }

  return {
    async getButton(id, options = {}) {
      const entity = options.fresh || !buttons.has(id) ? await readButton(id) : buttons.get(id);
      return entity ? toButton(entity) : undefined;
    },

    async warmButtons() {
      const client = await table();
      let count = 0;
      for await (const entity of client.listEntities<ButtonEntity>({
        queryOptions: { filter: `RowKey eq 'button'` },
      })) {
        buttons.set(entity.partitionKey as string, entity as ButtonEntity & { etag: string });
        count++;
      }
      return count;
    },

    async createButton(button) {
      try {
        await (await table()).createEntity({ ...registryFields(button), openAlarmId: '', openExerciseId: '' });
        return 'created';
      } catch (error) {
        if (isConflict(error)) return 'exists';
        throw error;
      }
    },

    async replaceButton(button) {
      await (await table()).updateEntity(registryFields(button), 'Merge');
      buttons.delete(button.id);
    },

    async listButtons() {
      const client = await table();
      const rows = new Map<string, Button & ButtonStatus>();
      const statuses = new Map<string, ButtonStatus>();
      const filter = `RowKey eq 'button' or RowKey eq 'status'`;
      for await (const entity of client.listEntities<ButtonEntity & ButtonStatus>({ queryOptions: { filter } })) {
        if (entity.rowKey === 'button') rows.set(entity.partitionKey as string, toButton(entity as ButtonEntity));
        else
          statuses.set(entity.partitionKey as string, {
            lastPressAt: entity.lastPressAt,
            lastTestAt: entity.lastTestAt,
            lastHeartbeatAt: entity.lastHeartbeatAt,
          });
      }
      return [...rows.entries()]
        .map(([key, button]) => ({ ...button, ...statuses.get(key) }))
        .sort((a, b) => a.id.localeCompare(b.id));
    },

    async recordPress(input) {
      for (let attempt = 0; attempt < 6; attempt++) {
        const result = await tryPress(input, attempt > 0);
        if (result !== 'retry') return result;
      }
      throw new HalteamError(errorCodes.storageConflict, `Press of ${input.buttonId} kept conflicting`);
    },

    async recordHeartbeat(buttonId, at) {
      await (
        await table()
      ).upsertEntity({ partitionKey: toKey(buttonId), rowKey: 'status', lastHeartbeatAt: at.toISOString() }, 'Merge');
    },

    async getAlarm(buttonId, alarmId) {
      const entity = await readAlarm(await table(), buttonId, alarmId);
      return entity ? (JSON.parse(entity.data) as Alarm) : undefined;
    },

    async updateAlarm(buttonId, alarmId, change) {
      const client = await table();
      for (let attempt = 0; attempt < 8; attempt++) {
        const entity = await readAlarm(client, buttonId, alarmId);
        if (!entity) return undefined;
        const current = JSON.parse(entity.data) as Alarm;
        const next = change(current);
        if (!next) return current;
        try {
          await client.updateEntity(
            {
              partitionKey: entity.partitionKey,
              rowKey: entity.rowKey,
              data: JSON.stringify(next),
              status: next.status,
              cardState: next.card ? 'posted' : entity.cardState,
            },
            'Merge',
            { etag: entity.etag },
          );
          return next;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new HalteamError(errorCodes.storageConflict, `Alarm ${alarmId} kept conflicting`);
    },

    async releaseButton(buttonId, alarmId) {
      for (let attempt = 0; attempt < 6; attempt++) {
        const button = await readButton(buttonId);
        if (!button) return;
        const slot =
          button.openAlarmId === alarmId
            ? 'openAlarmId'
            : button.openExerciseId === alarmId
              ? 'openExerciseId'
              : undefined;
        if (!slot) return;
        try {
          await (
            await table()
          ).updateEntity({ partitionKey: button.partitionKey, rowKey: 'button', [slot]: '' }, 'Merge', {
            etag: button.etag,
          });
          buttons.delete(buttonId);
          return;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
    },

    async claimDelivery(buttonId, alarmId, now, leaseUntil) {
      const client = await table();
      const entity = await readAlarm(client, buttonId, alarmId);
      if (!entity || entity.cardState === 'posted') return false;
      if (entity.deliveryLeaseUntil && entity.deliveryLeaseUntil >= now.toISOString()) return false;
      try {
        await client.updateEntity(
          { partitionKey: entity.partitionKey, rowKey: entity.rowKey, deliveryLeaseUntil: leaseUntil.toISOString() },
          'Merge',
          { etag: entity.etag },
        );
        return true;
      } catch (error) {
        if (isConflict(error)) return false;
        throw error;
      }
    },

    async releaseDelivery(buttonId, alarmId) {
      await (
        await table()
      ).updateEntity({ partitionKey: toKey(buttonId), rowKey: alarmRow(alarmId), deliveryLeaseUntil: '' }, 'Merge');
    },

    async undelivered(now) {
      return listAlarms(odata`cardState eq 'pending' and deliveryLeaseUntil lt ${now.toISOString()}`);
    },

    async openAlarms() {
      return listAlarms(`status eq 'open'`);
    },

    async alarmsSince(since) {
      return listAlarms(odata`receivedAt ge ${since.toISOString()} and status ne ''`);
    },
  };
}

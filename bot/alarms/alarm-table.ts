import { createHash } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Alarm, OpenAlarm, PostedCard } from './alarm-model';
import { joinPress } from './alarm-rules';
import type { AlarmStore, OutboxEntry, PressInput, PressResult } from './alarm-store';
import type { Button, ButtonStatus } from './button-model';
import { errorCodes, HalteamError } from '../shared/errors';
import { sleep } from '../shared/retry';
import { getEntityOrUndefined, isConflict, toKey, type TableProvider } from '../platform/storage/table-provider';

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

/**
 * An alarm row is also its outbox: `cardState` and `escalationState` say what is left to do, and the
 * lease columns say which instance is doing it until when. Where the card landed is kept in columns of
 * its own, so that it is written without reading first (see keepCardPlace).
 */
interface AlarmEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
  status: Alarm['status'];
  receivedAt: string;
  cardState: 'pending' | 'posted';
  /** Absent on rows written before escalations were part of the outbox. */
  escalationState?: 'pending' | 'stored' | 'none';
  deliveryLeaseUntil: string;
  deliveryOwner?: string;
  deliveryAttempts?: number;
  cardConversationId?: string;
  cardActivityId?: string;
  cardPostedAt?: string;
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
/** One row whose ETag changes whenever a button is added or changed, so instances re-read the registry only then. */
const registryVersion = { partitionKey: 'registry', rowKey: 'version' } as const;
/** Hashed, so that ids that differ only where keys need escaping (`x/1`, `x%2f1`) stay apart. */
const hookRow = (webhookId: string) => `hook-${createHash('sha256').update(webhookId).digest('hex').slice(0, 40)}`;

/** The alarm as stored, with its card's place from the columns keepCardPlace writes. */
function toAlarm(entity: AlarmEntity): Alarm {
  const alarm = JSON.parse(entity.data) as Alarm;
  if (!alarm.card && entity.cardActivityId && entity.cardConversationId) {
    return {
      ...alarm,
      card: {
        conversationId: entity.cardConversationId,
        activityId: entity.cardActivityId,
        postedAt: entity.cardPostedAt ?? alarm.receivedAt,
      },
    };
  }
  return alarm;
}

function outboxEntry(entity: AlarmEntity): OutboxEntry {
  return {
    alarm: toAlarm(entity),
    cardPending: entity.cardState === 'pending',
    escalationsPending: entity.escalationState === 'pending',
    attempts: entity.deliveryAttempts ?? 0,
  };
}

/**
 * Writes of one button's partition from this process go one at a time, so presses and card clicks
 * arriving together do not fight over ETags (they queue for a few milliseconds instead); between
 * instances the ETag decides, and the loser tries again after a jittered pause.
 */
function createPartitionQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    // The tail only orders the next write; the caller of `run` sees its failure.
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

const conflictPause = (attempt: number) => sleep(Math.round(Math.random() * Math.min(200, 5 * 2 ** attempt)));
const maxConflictAttempts = 25;

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
      escalationState: alarm.exercise ? 'none' : 'pending',
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
      const decision = joinPress(toAlarm(open) as OpenAlarm, input.receivedAt, input.pressesPerMinute ?? 1000);
      if ('flooding' in decision) return { kind: 'flooding', retryAfterMs: decision.retryAfterMs };
      const joined = decision.joined;
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
        pressTimes: [at],
        responders: [],
        escalations: [],
        status: 'open',
      };
      actions.push(['create', { partitionKey, rowKey: hookRow(input.webhookId), alarmId: alarm.id, receivedAt: at }]);
      actions.push([
        'create',
        {
          ...alarmEntity(alarm, {
            deliveryLeaseUntil: input.deliveryLeaseUntil.toISOString(),
            deliveryOwner: input.owner ?? '',
          }),
        },
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

  async function listEntities(filter: string): Promise<AlarmEntity[]> {
    const result: AlarmEntity[] = [];
    for await (const entity of (await table()).listEntities<AlarmEntity>({ queryOptions: { filter } })) {
      result.push(entity as AlarmEntity);
    }
    return result;
  }

  async function listAlarms(filter: string): Promise<Alarm[]> {
    return (await listEntities(filter)).map(toAlarm);
  }

  const inTurn = createPartitionQueue();

  async function updateAlarmNow(
    buttonId: string,
    alarmId: string,
    change: (alarm: Alarm) => Alarm | undefined,
  ): Promise<Alarm | undefined> {
    const client = await table();
    for (let attempt = 0; attempt < maxConflictAttempts; attempt++) {
      if (attempt > 0) await conflictPause(attempt);
      const entity = await readAlarm(client, buttonId, alarmId);
      if (!entity) return undefined;
      const current = toAlarm(entity);
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
  }

  async function releaseButtonNow(buttonId: string, alarmId: string): Promise<void> {
    for (let attempt = 0; attempt < maxConflictAttempts; attempt++) {
      if (attempt > 0) await conflictPause(attempt);
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
  }

  return {
    async getButton(id, options = {}) {
      const entity = options.fresh || !buttons.has(id) ? await readButton(id) : buttons.get(id);
      return entity ? toButton(entity) : undefined;
    },

    async warmButtons() {
      const client = await table();
      const fresh = new Map<string, ButtonEntity & { etag: string }>();
      for await (const entity of client.listEntities<ButtonEntity>({
        queryOptions: { filter: `RowKey eq 'button'` },
      })) {
        fresh.set(entity.partitionKey as string, entity as ButtonEntity & { etag: string });
      }
      // A button removed or re-keyed elsewhere (rotate --now in the CLI) must not live on in this cache.
      buttons.clear();
      for (const [id, entity] of fresh) buttons.set(id, entity);
      return fresh.size;
    },

    async registryVersion() {
      const row = await getEntityOrUndefined<{ changedAt: string }>(
        await table(),
        registryVersion.partitionKey,
        registryVersion.rowKey,
      );
      return row?.etag ?? '';
    },

    async createButton(button) {
      try {
        const client = await table();
        await client.createEntity({ ...registryFields(button), openAlarmId: '', openExerciseId: '' });
        await client.upsertEntity({ ...registryVersion, changedAt: new Date().toISOString() }, 'Replace');
        return 'created';
      } catch (error) {
        if (isConflict(error)) return 'exists';
        throw error;
      }
    },

    async replaceButton(button) {
      const client = await table();
      await client.updateEntity(registryFields(button), 'Merge');
      await client.upsertEntity({ ...registryVersion, changedAt: new Date().toISOString() }, 'Replace');
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
      return inTurn(input.buttonId, async () => {
        for (let attempt = 0; attempt < maxConflictAttempts; attempt++) {
          if (attempt > 0) await conflictPause(attempt);
          const result = await tryPress(input, attempt > 0);
          if (result !== 'retry') return result;
        }
        throw new HalteamError(errorCodes.storageConflict, `Press of ${input.buttonId} kept conflicting`);
      });
    },

    async recordHeartbeat(buttonId, at) {
      await (
        await table()
      ).upsertEntity({ partitionKey: toKey(buttonId), rowKey: 'status', lastHeartbeatAt: at.toISOString() }, 'Merge');
    },

    async getAlarm(buttonId, alarmId) {
      const entity = await readAlarm(await table(), buttonId, alarmId);
      return entity ? toAlarm(entity) : undefined;
    },

    async updateAlarm(buttonId, alarmId, change) {
      return inTurn(buttonId, () => updateAlarmNow(buttonId, alarmId, change));
    },

    async releaseButton(buttonId, alarmId) {
      await inTurn(buttonId, () => releaseButtonNow(buttonId, alarmId));
    },

    async keepCardPlace(buttonId, alarmId, card: PostedCard) {
      await (
        await table()
      ).updateEntity(
        {
          partitionKey: toKey(buttonId),
          rowKey: alarmRow(alarmId),
          cardState: 'posted',
          cardConversationId: card.conversationId,
          cardActivityId: card.activityId,
          cardPostedAt: card.postedAt,
        },
        'Merge',
      );
    },

    async markEscalationsStored(buttonId, alarmId) {
      await (
        await table()
      ).updateEntity({ partitionKey: toKey(buttonId), rowKey: alarmRow(alarmId), escalationState: 'stored' }, 'Merge');
    },

    async outboxDue(now) {
      const entities = await listEntities(
        odata`(cardState eq 'pending' or escalationState eq 'pending') and deliveryLeaseUntil lt ${now.toISOString()}`,
      );
      return entities.map((entity): OutboxEntry => ({
        alarm: toAlarm(entity),
        cardPending: entity.cardState === 'pending',
        escalationsPending: entity.escalationState === 'pending',
        attempts: entity.deliveryAttempts ?? 0,
      }));
    },

    async claimOutbox(buttonId, alarmId, owner, now, leaseUntil) {
      const client = await table();
      const entity = await readAlarm(client, buttonId, alarmId);
      if (!entity) return undefined;
      const entry = outboxEntry(entity);
      if (!entry.cardPending && !entry.escalationsPending) return undefined;
      if (entity.deliveryLeaseUntil && entity.deliveryLeaseUntil >= now.toISOString()) return undefined;
      try {
        await client.updateEntity(
          {
            partitionKey: entity.partitionKey,
            rowKey: entity.rowKey,
            deliveryLeaseUntil: leaseUntil.toISOString(),
            deliveryOwner: owner,
          },
          'Merge',
          { etag: entity.etag },
        );
        return entry;
      } catch (error) {
        if (isConflict(error)) return undefined;
        throw error;
      }
    },

    async renewOutbox(buttonId, alarmId, owner, leaseUntil) {
      const client = await table();
      for (let attempt = 0; attempt < maxConflictAttempts; attempt++) {
        const entity = await readAlarm(client, buttonId, alarmId);
        if (!entity || entity.deliveryOwner !== owner) return false;
        try {
          await client.updateEntity(
            { partitionKey: entity.partitionKey, rowKey: entity.rowKey, deliveryLeaseUntil: leaseUntil.toISOString() },
            'Merge',
            { etag: entity.etag },
          );
          return true;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      return false;
    },

    async releaseOutbox(buttonId, alarmId, retryAt) {
      await inTurn(buttonId, async () => {
        const client = await table();
        const entity = await readAlarm(client, buttonId, alarmId);
        if (!entity) return;
        await client.updateEntity(
          {
            partitionKey: entity.partitionKey,
            rowKey: entity.rowKey,
            deliveryLeaseUntil: retryAt.toISOString(),
            deliveryOwner: '',
            deliveryAttempts: (entity.deliveryAttempts ?? 0) + 1,
          },
          'Merge',
        );
      });
    },

    async openAlarmsOutsideOutbox() {
      const entities = await listEntities(`status eq 'open'`);
      return entities.filter((entity) => entity.escalationState === undefined).map(toAlarm);
    },

    async openAlarms() {
      return listAlarms(`status eq 'open'`);
    },

    async recentAlarms(buttonId, since) {
      // Alarm rows are `alarm-…`; '.' follows '-', so this range holds exactly them.
      return listAlarms(
        odata`PartitionKey eq ${toKey(buttonId)} and RowKey ge 'alarm-' and RowKey lt 'alarm.' and receivedAt ge ${since.toISOString()}`,
      );
    },

    async alarmsSince(since) {
      return listAlarms(odata`receivedAt ge ${since.toISOString()} and status ne ''`);
    },
  };
}

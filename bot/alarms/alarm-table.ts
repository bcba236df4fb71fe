import { createHash } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Alarm, OpenAlarm, PostedCard } from './alarm-model';
import { joinPress } from './alarm-rules';
import { isPersonSlot } from './raise-person-alarm';
import type { AlarmStore, OutboxEntry, PersonAlarmInput, PressInput, PressResult } from './alarm-store';
import type { Button, ButtonStatus } from './button-model';
import { errorCodes, HalteamError } from '../shared/errors';
import {
  alarmEntity as alarmEntitySchema,
  alarmRecord,
  buttonEntity,
  buttonStatusEntity,
  hookEntity,
  personSlotEntity,
  type AlarmEntity,
  type ButtonEntity,
} from './alarm-record';
import { retryOnConflict, updateWithEtag, type EtagChange } from '../platform/storage/etag-update';
import { keysOf, readRecord, writeRecord } from '../platform/storage/records';
import { getEntityOrUndefined, isConflict, toKey, type TableProvider } from '../platform/storage/table-provider';

/**
 * One partition per button: its registry row (`button`), its status row (`status`), the webhook ids
 * it delivered (`hook-…`) and its alarms (`alarm-…`). Keeping them together lets a press be one
 * entity-group transaction: dedupe, open-or-join and last press in a single write.
 */
const tableName = 'alarms';

/** The registry part of a button row (not its open-alarm slots, which only presses and closes change). */
function registryFields(button: Button): Omit<ButtonEntity, 'openAlarmId' | 'openExerciseId' | 'etag'> {
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
  const alarm = readRecord(alarmRecord, entity.data, {
    table: tableName,
    partitionKey: entity.partitionKey,
    rowKey: entity.rowKey,
    column: 'data',
  });
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

const parseAlarmEntity = (entity: object): AlarmEntity =>
  readRecord(alarmEntitySchema, entity, { table: tableName, ...keysOf(entity) });
const parseButtonEntity = (entity: object): ButtonEntity =>
  readRecord(buttonEntity, entity, { table: tableName, ...keysOf(entity) });
const parsePersonSlotEntity = (entity: object) =>
  readRecord(personSlotEntity, entity, { table: tableName, ...keysOf(entity) });

/**
 * More tries than storage's default: presses and card clicks of several instances meet on one
 * partition, and giving up loses a press or a close.
 */
const alarmConflictAttempts = 25;

export function createAlarmTable(tables: TableProvider): AlarmStore {
  const table = () => tables.table(tableName);
  /** Button rows with their ETag; a press needs no read while the cache is right (a conflict refreshes it). */
  const buttons = new Map<string, ButtonEntity>();

  async function readButton(id: string): Promise<ButtonEntity | undefined> {
    const found = await getEntityOrUndefined(await table(), toKey(id), 'button');
    const entity = found ? parseButtonEntity(found) : undefined;
    if (entity) buttons.set(id, entity);
    else buttons.delete(id);
    return entity;
  }

  async function readAlarm(client: TableClient, buttonId: string, alarmId: string): Promise<AlarmEntity | undefined> {
    const found = await getEntityOrUndefined(client, toKey(buttonId), alarmRow(alarmId));
    return found ? parseAlarmEntity(found) : undefined;
  }

  function toButton(entity: ButtonEntity): Button {
    return {
      id: entity.partitionKey,
      kind: entity.kind,
      location: entity.location,
      authMode: entity.authMode,
      secret: entity.secret,
      previousSecret: entity.previousSecret || undefined,
      previousSecretValidUntil: entity.previousSecretValidUntil || undefined,
      createdAt: entity.createdAt,
    };
  }

  function alarmEntity(alarm: Alarm, extra: Partial<AlarmEntity> = {}): Omit<AlarmEntity, 'etag'> {
    return {
      partitionKey: toKey(alarm.buttonId),
      rowKey: alarmRow(alarm.id),
      data: writeRecord(alarm),
      status: alarm.status,
      receivedAt: alarm.receivedAt,
      cardState: alarm.card ? 'posted' : 'pending',
      escalationState: alarm.exercise ? 'none' : 'pending',
      deliveryLeaseUntil: '',
      ...extra,
    };
  }

  /**
   * A press (or a person's request) joining the open alarm: its dedupe row, and the alarm written
   * only if nobody changed it since it was read.
   */
  function joinedAlarmRows(
    open: AlarmEntity,
    joined: Alarm,
    requestId: string,
    receivedAt: string,
  ): TransactionAction[] {
    const partitionKey = open.partitionKey;
    return [
      ['create', { partitionKey, rowKey: hookRow(requestId), alarmId: joined.id, receivedAt }],
      ['update', { partitionKey, rowKey: open.rowKey, data: writeRecord(joined) }, 'Merge', { etag: open.etag }],
    ];
  }

  /** A new alarm's rows: the request's dedupe row and the alarm, leased to this instance for delivery. */
  function newAlarmRows(
    alarm: OpenAlarm,
    requestId: string,
    delivery: { deliveryLeaseUntil: Date; owner?: string },
  ): TransactionAction[] {
    const partitionKey = toKey(alarm.buttonId);
    return [
      ['create', { partitionKey, rowKey: hookRow(requestId), alarmId: alarm.id, receivedAt: alarm.receivedAt }],
      [
        'create',
        alarmEntity(alarm, {
          deliveryLeaseUntil: delivery.deliveryLeaseUntil.toISOString(),
          deliveryOwner: delivery.owner ?? '',
        }),
      ],
    ];
  }

  /** One try of a press; a lost race (409/412) is thrown for retryOnConflict to try again. */
  async function tryPress(input: PressInput, fresh: boolean): Promise<PressResult> {
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
    const openAlarm = open ? toAlarm(open) : undefined;
    if (open && openAlarm?.status === 'open') {
      const decision = joinPress(openAlarm, input.receivedAt, input.pressesPerMinute ?? 1000);
      if ('flooding' in decision) return { kind: 'flooding', retryAfterMs: decision.retryAfterMs };
      actions.push(...joinedAlarmRows(open, decision.joined, input.webhookId, at));
      result = { kind: 'joined', alarm: decision.joined };
    } else {
      const alarm: OpenAlarm = {
        id: input.newAlarmId,
        buttonId: input.buttonId,
        kind: button.kind,
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
      actions.push(...newAlarmRows(alarm, input.webhookId, input));
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
      const rowKey = hookRow(input.webhookId);
      const hook = await getEntityOrUndefined(client, partitionKey, rowKey);
      if (hook) {
        const { alarmId } = readRecord(hookEntity, hook, { table: tableName, partitionKey, rowKey });
        return { kind: 'duplicate', alarmId };
      }
      throw error;
    }
  }

  /**
   * A person's slot row (`person`) holds their open alarm, as a button row does for a button's. One
   * try; a lost race (409/412) is thrown for retryOnConflict to try again.
   */
  async function tryPersonAlarm(input: PersonAlarmInput): Promise<PressResult> {
    const client = await table();
    const partitionKey = toKey(input.slotId);
    const found = await getEntityOrUndefined(client, partitionKey, 'person');
    const slot = found ? parsePersonSlotEntity(found) : undefined;
    const at = input.receivedAt.toISOString();
    const open = slot?.openAlarmId ? await readAlarm(client, input.slotId, slot.openAlarmId) : undefined;
    const openAlarm = open ? toAlarm(open) : undefined;
    const actions: TransactionAction[] = [];
    let result: PressResult;
    if (open && openAlarm?.status === 'open') {
      const decision = joinPress(openAlarm, input.receivedAt, 1000);
      if ('flooding' in decision) return { kind: 'flooding', retryAfterMs: decision.retryAfterMs };
      actions.push(...joinedAlarmRows(open, decision.joined, input.requestId, at));
      result = { kind: 'joined', alarm: decision.joined };
    } else {
      const alarm: OpenAlarm = {
        id: input.newAlarmId,
        buttonId: input.slotId,
        kind: input.kind,
        location: input.location,
        raisedBy: input.raisedBy,
        exercise: false,
        pressedAt: at,
        receivedAt: at,
        presses: 1,
        pressTimes: [at],
        responders: [],
        escalations: [],
        status: 'open',
      };
      actions.push(...newAlarmRows(alarm, input.requestId, input));
      const slotRow = { partitionKey, rowKey: 'person', openAlarmId: alarm.id };
      actions.push(slot ? ['update', slotRow, 'Merge', { etag: slot.etag }] : ['create', slotRow]);
      result = { kind: 'created', alarm };
    }
    try {
      await client.submitTransaction(actions);
      return result;
    } catch (error) {
      const rowKey = hookRow(input.requestId);
      const hook = await getEntityOrUndefined(client, partitionKey, rowKey);
      if (hook) {
        return {
          kind: 'duplicate',
          alarmId: readRecord(hookEntity, hook, { table: tableName, partitionKey, rowKey }).alarmId,
        };
      }
      throw error;
    }
  }

  async function listEntities(filter: string): Promise<AlarmEntity[]> {
    const result: AlarmEntity[] = [];
    for await (const entity of (await table()).listEntities<object>({ queryOptions: { filter } })) {
      result.push(parseAlarmEntity(entity));
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
    return updateWithEtag(
      await table(),
      toKey(buttonId),
      alarmRow(alarmId),
      (row: { entity: AlarmEntity; alarm: Alarm } | undefined): EtagChange<Alarm | undefined> => {
        if (!row) return { kind: 'none', result: undefined };
        const next = change(row.alarm);
        if (!next) return { kind: 'none', result: row.alarm };
        const cardState = next.card ? 'posted' : row.entity.cardState;
        return { kind: 'update', columns: { data: writeRecord(next), status: next.status, cardState }, result: next };
      },
      {
        parse: (found) => {
          const entity = parseAlarmEntity(found);
          return { entity, alarm: toAlarm(entity) };
        },
        attempts: alarmConflictAttempts,
        what: `Alarm ${alarmId}`,
      },
    );
  }

  async function releaseButtonNow(buttonId: string, alarmId: string): Promise<void> {
    const personSlot = isPersonSlot(buttonId);
    await updateWithEtag(
      await table(),
      toKey(buttonId),
      personSlot ? 'person' : 'button',
      (row: { openAlarmId?: string; openExerciseId?: string } | undefined): EtagChange<void> => {
        const slot =
          row?.openAlarmId === alarmId ? 'openAlarmId' : row?.openExerciseId === alarmId ? 'openExerciseId' : undefined;
        return slot
          ? { kind: 'update', columns: { [slot]: '' }, result: undefined }
          : { kind: 'none', result: undefined };
      },
      {
        parse: personSlot ? parsePersonSlotEntity : parseButtonEntity,
        attempts: alarmConflictAttempts,
        what: `${personSlot ? 'Person alarm slot' : 'Button'} ${buttonId}`,
      },
    );
    // Read again by the next press, whichever way this went.
    buttons.delete(buttonId);
  }

  return {
    async getButton(id, options = {}) {
      const entity = options.fresh || !buttons.has(id) ? await readButton(id) : buttons.get(id);
      return entity ? toButton(entity) : undefined;
    },

    async warmButtons() {
      const client = await table();
      const fresh = new Map<string, ButtonEntity>();
      for await (const found of client.listEntities<object>({
        queryOptions: { filter: `RowKey eq 'button'` },
      })) {
        const entity = parseButtonEntity(found);
        fresh.set(entity.partitionKey, entity);
      }
      // A button removed or re-keyed elsewhere (rotate --now in the CLI) must not live on in this cache.
      buttons.clear();
      for (const [id, entity] of fresh) buttons.set(id, entity);
      return fresh.size;
    },

    async registryVersion() {
      const row = await getEntityOrUndefined(await table(), registryVersion.partitionKey, registryVersion.rowKey);
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
      for await (const entity of client.listEntities<object>({ queryOptions: { filter } })) {
        const { partitionKey, rowKey } = keysOf(entity);
        if (rowKey === 'button') rows.set(String(partitionKey), toButton(parseButtonEntity(entity)));
        else {
          const status = readRecord(buttonStatusEntity, entity, { table: tableName, partitionKey, rowKey });
          statuses.set(String(partitionKey), {
            lastPressAt: status.lastPressAt,
            lastTestAt: status.lastTestAt,
            lastHeartbeatAt: status.lastHeartbeatAt,
          });
        }
      }
      return [...rows.entries()]
        .map(([key, button]) => ({ ...button, ...statuses.get(key) }))
        .sort((a, b) => a.id.localeCompare(b.id));
    },

    async recordPress(input) {
      return inTurn(input.buttonId, () =>
        retryOnConflict((attempt) => tryPress(input, attempt > 1), {
          attempts: alarmConflictAttempts,
          what: `Press of ${input.buttonId}`,
        }),
      );
    },

    async recordPersonAlarm(input) {
      return inTurn(input.slotId, () =>
        retryOnConflict(() => tryPersonAlarm(input), {
          attempts: alarmConflictAttempts,
          what: `Alarm of ${input.slotId}`,
        }),
      );
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
      return entities.map(outboxEntry);
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
      return updateWithEtag(
        await table(),
        toKey(buttonId),
        alarmRow(alarmId),
        (entity: AlarmEntity | undefined): EtagChange<boolean> =>
          entity && entity.deliveryOwner === owner
            ? { kind: 'update', columns: { deliveryLeaseUntil: leaseUntil.toISOString() }, result: true }
            : { kind: 'none', result: false },
        { parse: parseAlarmEntity, attempts: alarmConflictAttempts, what: `Lease of alarm ${alarmId}` },
      );
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

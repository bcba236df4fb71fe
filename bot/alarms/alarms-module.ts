import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/config-schema';
import type { HalteamRoster } from '../duty';
import { buttonWebhookRoute } from './button-webhook-route';
import type { JobScheduler } from '../shared/jobs';
import type { CapabilityModule } from '../shared/capability';
import type { Clock } from '../shared/clock';
import { createBackgroundWork } from '../shared/background-work';
import { asHalteamError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import { alarmCardActions } from './alarm-actions';
import { buttonRefreshMs } from './button-admin';
import { remember, type AlarmDeps, type AlarmSettings, type OfferReport } from './alarm-deps';
import type { AlarmStore } from './alarm-store';
import {
  adoptOpenAlarms,
  deliveryJob,
  escalationJob,
  refreshAlarmCard,
  sweepOutbox,
  workOutbox,
} from './deliver-alarm';
import { createCardsFirst } from './cards-first';
import { escalateAlarm } from './escalate-alarm';
import { knoppenCommand } from './knoppen-command';
import type { ActivityFeed } from '../shared/activity-feed';
import { pushJob, runPush } from './push-alarm';
import { receiveButtonEvent, type ReceiveResult } from './receive-button-event';

export interface AlarmsModuleDeps {
  config: AppConfig;
  storageRetry?: AlarmSettings['storageRetry'];
  store: AlarmStore;
  messenger: Messenger;
  roster: HalteamRoster & { warm?: () => Promise<void> };
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
  offerReport: OfferReport;
  /** This instance's id in outbox leases (the scheduler's, so logs line up). */
  owner?: string;
  /** Whether a moment is within working hours on a working day (the duty roster's calendar). */
  workingTime?: (at: Date) => boolean;
  /** Activity-feed pushes through Microsoft Graph; none when Graph is not configured. */
  feed?: ActivityFeed;
  /** Run the outbox sweep and the button refresh on timers (tests call `sweep()` themselves when false). */
  background?: boolean;
}

/** The alarm capability: the button webhook, the card and its actions, escalation jobs, `knoppen`. */
export function createAlarmsModule(
  input: AlarmsModuleDeps,
): CapabilityModule & { deps: AlarmDeps; idle(): Promise<void>; sweep(): Promise<number> } {
  const config = input.config;
  const deps: AlarmDeps = {
    store: input.store,
    messenger: input.messenger,
    roster: input.roster,
    scheduler: input.scheduler,
    clock: input.clock,
    logger: input.logger,
    offerReport: input.offerReport,
    cardsFirst: createCardsFirst(1_000),
    workingTime: input.workingTime ?? (() => true),
    feed: input.feed,
    owner: input.owner ?? randomUUID(),
    joinedWhilePosting: new Map(),
    postedLately: new Map(),
    settings: {
      respondersNeeded: config.ALARM_RESPONDERS_NEEDED,
      firstEscalationMs: config.ALARM_FIRST_ESCALATION_SECONDS * 1000,
      secondEscalationMs: config.ALARM_SECOND_ESCALATION_SECONDS * 1000,
      deliveryLeaseMs: config.ALARM_DELIVERY_LEASE_SECONDS * 1000,
      sweepMs: config.ALARM_SWEEP_MS,
      // About three minutes in all, past the storage SDK's own retries.
      storageRetry: input.storageRetry ?? { attempts: 8, baseDelayMs: 1_000, maxDelayMs: 30_000 },
      cardPlaceRetry: input.storageRetry
        ? { ...input.storageRetry, attempts: input.storageRetry.attempts * 4 }
        : { attempts: 60, baseDelayMs: 500, maxDelayMs: 5_000 },
      levelOrderGraceMs: (config.SCHEDULER_LEASE_SECONDS * 2 + 5) * 1000,
      receptionMembers: config.RECEPTION_MEMBERS,
      drillPushes: config.ALARM_DRILL_PUSHES,
      tenantId: config.MICROSOFT_APP_TENANT_ID ?? config.GRAPH_TENANT_ID,
    },
  };
  const background = createBackgroundWork(deps.logger);
  const track = background.track;
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  /** Presses between webhook and card, so that bookkeeping of earlier alarms waits for them. */
  const onTheirWay = new WeakMap<ReceiveResult, () => void>();

  async function receive(event: Parameters<typeof receiveButtonEvent>[0]): Promise<ReceiveResult> {
    const arrived = deps.cardsFirst.begin();
    try {
      const result = await receiveButtonEvent(event, {
        store: deps.store,
        clock: deps.clock,
        deliveryLeaseMs: deps.settings.deliveryLeaseMs,
        owner: deps.owner,
        pressesPerMinute: config.BUTTON_PRESSES_PER_MINUTE,
      });
      if (result.kind === 'created') onTheirWay.set(result, arrived);
      else arrived();
      return result;
    } catch (error) {
      arrived();
      throw error;
    }
  }

  function afterStored(result: ReceiveResult): void {
    if (result.kind === 'created') {
      // This instance holds the new alarm's outbox lease: the card first, then its escalation jobs.
      const entry = { alarm: result.alarm, cardPending: true, escalationsPending: !result.alarm.exercise, attempts: 0 };
      track(workOutbox(entry, deps, onTheirWay.get(result)), 'work after a button press');
    } else if (result.kind === 'joined') {
      // A press that read the alarm just before its card's place was written finds the card here.
      const card = result.alarm.card ?? deps.postedLately.get(result.alarm.id);
      if (card) {
        track(refreshAlarmCard({ ...result.alarm, card }, deps), 'refreshing an alarm card');
      } else {
        // The card is still on its way: it is refreshed with this count once it is out.
        const known = deps.joinedWhilePosting.get(result.alarm.id);
        if (!known || known.presses < result.alarm.presses)
          remember(deps.joinedWhilePosting, result.alarm.id, result.alarm);
      }
    }
  }

  let sweeping: Promise<number> | undefined;
  function sweep(): Promise<number> {
    sweeping ??= sweepOutbox(deps).finally(() => (sweeping = undefined));
    return sweeping;
  }

  /** Repeats `work` every `everyMs` (never two at once) until the module stops; a failed round is tried again. */
  function every(everyMs: number, what: string, work: () => Promise<unknown>): void {
    const run = () => {
      if (stopped) return;
      const next = () => {
        if (stopped) return;
        const timer = setTimeout(run, everyMs);
        timer.unref();
        timers.push(timer);
        if (timers.length > 4) timers.splice(0, timers.length - 4);
      };
      track(work().finally(next), what);
    };
    run();
  }
  return {
    name: 'alarms',
    deps,
    sweep,
    routes: [
      buttonWebhookRoute({
        store: deps.store,
        clock: deps.clock,
        logger: deps.logger,
        pressesPerMinute: config.BUTTON_PRESSES_PER_MINUTE,
        receive,
        afterStored,
      }),
    ],
    commands: [
      knoppenCommand({
        store: deps.store,
        clock: deps.clock,
        heartbeatMaxHours: config.BUTTON_HEARTBEAT_MAX_HOURS,
      }),
    ],
    cardActions: alarmCardActions(deps),
    jobs: [
      escalationJob.runBy((payload) => escalateAlarm(payload, deps)),
      deliveryJob.runBy(async () => {
        await sweep();
      }),
      pushJob.runBy((payload) => runPush(payload, deps)),
    ],
    async onStart() {
      // Start-up never holds back presses: the server listens before this runs (see app.ts).
      const warmRoster = input.roster.warm?.().catch((raw: unknown) => {
        deps.logger.warn({ err: asHalteamError(raw) }, 'Halteam members not known yet; fetched on the first alarm');
      });
      if (input.background !== false) {
        let registry = '';
        every(buttonRefreshMs, 'reading the button registry', async () => {
          const version = await deps.store.registryVersion();
          if (version === registry) return;
          await deps.store.warmButtons();
          registry = version;
        });
        every(deps.settings.sweepMs, 'the alarm outbox sweep', sweep);
        track(adoptOpenAlarms(deps), 'storing escalations of alarms from an earlier version');
      } else {
        // Driven by hand (tests): one pass now; storage may be away, which readyz then says.
        try {
          await deps.store.warmButtons();
          await adoptOpenAlarms(deps);
          await sweep();
        } catch (raw) {
          const error = asHalteamError(raw);
          deps.logger.error({ err: error, code: error.code }, 'could not re-drive stored alarms at start');
        }
      }
      await warmRoster;
    },
    async onStop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await background.drain();
    },
    idle: () => background.drain(),
  };
}

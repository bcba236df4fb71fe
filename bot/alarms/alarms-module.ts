import { z } from 'zod';
import type { AppConfig } from '../config/config-schema';
import type { HalteamRoster } from '../halteam/roster';
import { buttonWebhookRoute } from '../platform/http/button-webhook-route';
import type { JobScheduler } from '../platform/scheduler/scheduler-types';
import type { CapabilityModule } from '../shared/capability';
import type { Clock } from '../shared/clock';
import { asHalteamError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import { alarmCardActions } from './alarm-actions';
import type { AlarmDeps, AlarmSettings, OfferReport } from './alarm-deps';
import type { AlarmStore } from './alarm-store';
import {
  deliverAlarm,
  deliveryJobKind,
  escalationJobKind,
  redriveUndelivered,
  refreshAlarmCard,
  scheduleEscalations,
} from './deliver-alarm';
import { createCardsFirst } from './cards-first';
import { escalateAlarm } from './escalate-alarm';
import { knoppenCommand } from './knoppen-command';
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
}

/** The alarm capability: the button webhook, the card and its actions, escalation jobs, `knoppen`. */
export function createAlarmsModule(
  input: AlarmsModuleDeps,
): CapabilityModule & { deps: AlarmDeps; idle(): Promise<void> } {
  const deps: AlarmDeps = {
    store: input.store,
    messenger: input.messenger,
    roster: input.roster,
    scheduler: input.scheduler,
    clock: input.clock,
    logger: input.logger,
    offerReport: input.offerReport,
    cardsFirst: createCardsFirst(1_000),
    settings: {
      respondersNeeded: input.config.ALARM_RESPONDERS_NEEDED,
      firstEscalationMs: input.config.ALARM_FIRST_ESCALATION_SECONDS * 1000,
      secondEscalationMs: input.config.ALARM_SECOND_ESCALATION_SECONDS * 1000,
      deliveryLeaseMs: 30_000,
      // About three minutes in all, past the storage SDK's own retries.
      storageRetry: input.storageRetry ?? { attempts: 8, baseDelayMs: 1_000, maxDelayMs: 30_000 },
    },
  };
  const inFlight = new Set<Promise<void>>();
  let retryTimer: NodeJS.Timeout | undefined;

  function track(work: Promise<void>): void {
    const tracked = work
      .catch((raw: unknown) => {
        const error = asHalteamError(raw);
        deps.logger.error({ err: error, code: error.code }, 'work after a button event failed');
      })
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  /** Presses between webhook and card, so that bookkeeping of earlier alarms waits for them. */
  const onTheirWay = new WeakMap<ReceiveResult, () => void>();

  async function receive(event: Parameters<typeof receiveButtonEvent>[0]): Promise<ReceiveResult> {
    const arrived = deps.cardsFirst.begin();
    try {
      const result = await receiveButtonEvent(event, {
        store: deps.store,
        clock: deps.clock,
        deliveryLeaseMs: deps.settings.deliveryLeaseMs,
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
      // The card first: escalation is a minute away, and a restart re-schedules it for open alarms.
      const arrived = onTheirWay.get(result);
      const delivering = deliverAlarm(result.alarm, deps, arrived);
      track(delivering);
      // Escalation follows the card, whether or not the card's place could be stored (logged above).
      track(Promise.allSettled([delivering]).then(() => scheduleEscalations(result.alarm, deps)));
    } else if (result.kind === 'joined') {
      track(refreshAlarmCard(result.alarm, deps));
    }
  }

  const jobRef = z.object({ buttonId: z.string(), alarmId: z.string() });
  return {
    name: 'alarms',
    deps,
    routes: [
      buttonWebhookRoute({
        store: deps.store,
        clock: deps.clock,
        logger: deps.logger,
        pressesPerMinute: input.config.BUTTON_PRESSES_PER_MINUTE,
        receive,
        afterStored,
      }),
    ],
    commands: [
      knoppenCommand({
        store: deps.store,
        clock: deps.clock,
        heartbeatMaxHours: input.config.BUTTON_HEARTBEAT_MAX_HOURS,
      }),
    ],
    cardActions: alarmCardActions(deps),
    jobs: [
      {
        kind: escalationJobKind,
        payload: jobRef.extend({ level: z.union([z.literal(1), z.literal(2)]) }),
        run: (payload) => escalateAlarm(payload, deps),
      },
      {
        kind: deliveryJobKind,
        payload: jobRef,
        run: async () => {
          await redriveUndelivered(deps);
        },
      },
    ],
    async onStart() {
      await input.roster.warm?.();
      // Storage may be down at start; the bot still starts (readyz says so) and re-drives when it can.
      const redrive = async (): Promise<void> => {
        try {
          await deps.store.warmButtons();
          const delivered = await redriveUndelivered(deps);
          if (delivered > 0) deps.logger.warn({ delivered }, 'posted alarm cards that were stored but not yet posted');
        } catch (raw) {
          const error = asHalteamError(raw);
          deps.logger.error({ err: error, code: error.code }, 'could not re-drive stored alarms; trying again in 10 s');
          retryTimer = setTimeout(() => track(redrive()), 10_000);
          retryTimer.unref();
        }
      };
      await redrive();
    },
    async onStop() {
      if (retryTimer) clearTimeout(retryTimer);
      await Promise.all([...inFlight]);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

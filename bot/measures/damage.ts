import { DateTime } from 'luxon';
import { z } from 'zod';
import damageTemplate from '../../cards/measure-damage.json';
import { renderCard } from '../platform/cards/render-card';
import { defineJob, type JobScheduler } from '../shared/jobs';
import type { ReportStore } from '../reports';
import type { Clock } from '../shared/clock';
import type { Actor, CardActionResult } from '../shared/commands';
import type { Logger } from '../shared/logger';
import type { AdaptiveCard, Messenger } from '../shared/messenger';
import { zone } from '../shared/time-format';
import { localDate } from '../shared/time-format';
import type { DamageRecord, MeasureStore } from './measure-store';

/**
 * Schade verhalen (Hoofdstuk 7, Afwikkeling: "Verhaal de schade op de agressor"): the amount, material
 * or immaterial, reported to the insurer, claimed from the aggressor, paid. While the claim is open
 * (damage recorded and not paid) the manager gets a reminder every two weeks.
 */
export const damageReminderJob = defineJob({
  kind: 'measures.damage-reminder',
  payload: z.object({ number: z.string().min(1).max(40) }),
});
const reminderDays = 14;

export interface DamageDeps {
  store: MeasureStore;
  reports: Pick<ReportStore, 'get'>;
  messenger: Messenger;
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
}

export const damageData = z.object({
  number: z.string().min(1).max(40),
  amount: z.string().max(20).optional(),
  nature: z.enum(['materieel', 'immaterieel', 'beide']).optional(),
  insurer: z.enum(['true', 'false']).optional(),
  claimed: z.enum(['true', 'false']).optional(),
  paid: z.enum(['true', 'false']).optional(),
});
type DamageData = z.infer<typeof damageData>;

export const isOpen = (record: Pick<DamageRecord, 'amountCents' | 'paid'>) => record.amountCents > 0 && !record.paid;

export function euros(cents: number): string {
  return `€ ${(cents / 100).toFixed(2).replace('.', ',')}`;
}

/** "12,50", "12.50", "1.250,00" or "1250" → cents; undefined when it is not an amount. */
export function parseAmount(raw: string): number | undefined {
  const text = raw.trim().replace(/^€\s*/, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+([.,]\d{1,2})?$/.test(text)) return undefined;
  const normal =
    /,\d{1,2}$/.test(text) || /^\d{1,3}(\.\d{3})+$/.test(text) ? text.replace(/\./g, '').replace(',', '.') : text;
  const value = Math.round(Number(normal) * 100);
  return Number.isFinite(value) ? value : undefined;
}

export function damageCard(number: string, record: DamageRecord | undefined, problems: string[] = []): AdaptiveCard {
  return renderCard(damageTemplate, {
    number,
    problems,
    amount: record ? String(record.amountCents / 100) : '',
    nature: record?.nature ?? 'materieel',
    insurer: String(record?.insurerReported ?? false),
    claimed: String(record?.claimed ?? false),
    paid: String(record?.paid ?? false),
  });
}

function statusText(record: DamageRecord): string {
  const parts = [`${euros(record.amountCents)} (${record.nature})`];
  parts.push(record.insurerReported ? 'gemeld bij de verzekeraar' : 'nog niet gemeld bij de verzekeraar');
  parts.push(record.claimed ? 'verhaald op de agressor' : 'nog niet verhaald op de agressor');
  parts.push(record.paid ? 'betaald' : 'nog niet betaald');
  return parts.join(', ');
}

export async function saveDamage(data: DamageData, actor: Actor, deps: DamageDeps): Promise<CardActionResult> {
  const stored = await deps.reports.get(data.number);
  if (!stored) return { message: `Melding ${data.number} ken ik niet.` };
  const amountCents = parseAmount(data.amount ?? '');
  if (amountCents === undefined) {
    return { card: damageCard(data.number, undefined, ['Vul het bedrag in euro in, bijvoorbeeld 250 of 1.250,50.']) };
  }
  const now = deps.clock.now();
  const record: DamageRecord = {
    number: data.number,
    amountCents,
    nature: data.nature ?? 'materieel',
    insurerReported: data.insurer === 'true',
    claimed: data.claimed === 'true',
    paid: data.paid === 'true',
    manager: stored.report.manager,
    updatedBy: { id: actor.id, aadObjectId: actor.aadObjectId, name: actor.name },
    updatedAt: now.toISOString(),
  };
  await deps.store.saveDamage(record);
  deps.logger.info({ number: record.number, open: isOpen(record) }, 'damage recorded');
  if (isOpen(record)) await planReminder(record.number, now, deps);
  return {
    message: `Schade bij ${record.number} opgeslagen: ${statusText(record)}.${
      isOpen(record) ? ` Je krijgt om de ${reminderDays} dagen een herinnering tot de schade betaald is.` : ''
    }`,
  };
}

async function planReminder(number: string, after: Date, deps: Pick<DamageDeps, 'scheduler'>): Promise<void> {
  const dueAt = DateTime.fromJSDate(after, { zone })
    .plus({ days: reminderDays })
    .set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
  await deps.scheduler.schedule(
    damageReminderJob.request(`damage-${number}-${localDate(dueAt.toJSDate())}`, dueAt.toJSDate(), { number }),
  );
}

export async function remindDamage(number: string, deps: DamageDeps): Promise<void> {
  const record = await deps.store.getDamage(number);
  if (!record || !isOpen(record)) return;
  await deps.messenger.sendToUser(record.manager, {
    text: `Herinnering: de schade bij melding ${number} is nog niet betaald (${statusText(record)}). Typ \`schade ${number}\` om de stand bij te werken.`,
    alert: true,
  });
  await planReminder(number, deps.clock.now(), deps);
}

import buttonsTemplate from '../../cards/buttons.json';
import { renderCard } from '../platform/cards/render-card';
import type { Clock } from '../shared/clock';
import type { Command } from '../shared/commands';
import { dayAndTime } from '../shared/time-format';
import type { AlarmStore } from './alarm-store';
import { kindLabels, type Button, type ButtonStatus } from './button-model';

const yearMs = 365 * 24 * 60 * 60 * 1000;

export interface ButtonAttention {
  untested: (Button & ButtonStatus)[];
  heartbeatStopped: (Button & ButtonStatus)[];
}

/** Buttons are tested at least once a year (Bijlage 10); a heartbeat that stopped means a dead device. */
export function buttonsNeedingAttention(
  buttons: (Button & ButtonStatus)[],
  now: Date,
  heartbeatMaxHours: number,
): ButtonAttention {
  const yearAgo = new Date(now.getTime() - yearMs).toISOString();
  const heartbeatLimit = new Date(now.getTime() - heartbeatMaxHours * 3_600_000).toISOString();
  return {
    untested: buttons.filter((button) => !button.lastTestAt || button.lastTestAt < yearAgo),
    heartbeatStopped: buttons.filter(
      (button) => button.lastHeartbeatAt !== undefined && button.lastHeartbeatAt < heartbeatLimit,
    ),
  };
}

export function knoppenCommand(deps: { store: AlarmStore; clock: Clock; heartbeatMaxHours: number }): Command {
  return {
    name: 'knoppen',
    description: 'Alarmknoppen die een test of hartslag missen.',
    scopes: ['channel', 'personal'],
    async handle(context) {
      const buttons = await deps.store.listButtons();
      const attention = buttonsNeedingAttention(buttons, deps.clock.now(), deps.heartbeatMaxHours);
      const line = (button: Button & ButtonStatus, detail: string) => ({
        title: `${kindLabels[button.kind]} ${button.id}`,
        value: `${button.location}. ${detail}`,
      });
      const card = renderCard(buttonsTemplate, {
        total: buttons.length,
        untested: attention.untested.map((button) =>
          line(button, button.lastTestAt ? `Laatste test: ${dayAndTime(button.lastTestAt)}` : 'Nooit getest'),
        ),
        heartbeat: attention.heartbeatStopped.map((button) =>
          line(button, `Laatste hartslag: ${dayAndTime(button.lastHeartbeatAt as string)}`),
        ),
        allWell: attention.untested.length === 0 && attention.heartbeatStopped.length === 0,
      });
      await context.reply({ card });
    },
  };
}

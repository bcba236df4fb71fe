import { personSlotId } from '../../bot/alarms';
import { buttonIdSchema } from '../../bot/alarms/button-model';
import { teamsRequestId } from '../../bot/outside/teams-alarm';

const anna = { id: '29:anna', name: 'Anna de Boer' };

describe('join rules for alarms from Teams', () => {
  it('gives each person one alarm slot, apart from every possible button', () => {
    expect(personSlotId(anna.id)).toBe(personSlotId(anna.id));
    expect(personSlotId(anna.id)).not.toBe(personSlotId('29:bram'));
    expect(buttonIdSchema.safeParse(personSlotId(anna.id)).success).toBe(false);
  });

  it('takes retries of one message or click within ten seconds as one request, later ones as new (they join)', () => {
    const now = new Date('2026-11-24T10:00:01Z');
    expect(teamsRequestId(anna, 'card-1', now)).toBe(teamsRequestId(anna, 'card-1', new Date(now.getTime() + 8_000)));
    expect(teamsRequestId(anna, 'card-1', now)).not.toBe(
      teamsRequestId(anna, 'card-1', new Date(now.getTime() + 10_000)),
    );
    expect(teamsRequestId(anna, undefined, now)).not.toBe(teamsRequestId({ ...anna, id: '29:bram' }, undefined, now));
  });
});

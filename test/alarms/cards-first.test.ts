import { createCardsFirst } from '../../bot/alarms/cards-first';

/** Resolves to what happened first: the gate opening, or `ms` passing. */
async function settledWithin(gate: Promise<void>, ms: number): Promise<'open' | 'waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const waiting = new Promise<'waiting'>((resolve) => {
    timer = setTimeout(() => resolve('waiting'), ms);
  });
  const result = await Promise.race([gate.then(() => 'open' as const), waiting]);
  clearTimeout(timer);
  return result;
}

describe('cards before bookkeeping', () => {
  it('lets bookkeeping start at once when no card is on its way', async () => {
    expect(await settledWithin(createCardsFirst(10_000).quiet(), 20)).toBe('open');
  });

  it('holds bookkeeping until every card on its way has arrived', async () => {
    const gate = createCardsFirst(10_000);
    const first = gate.begin();
    const second = gate.begin();
    const quiet = gate.quiet();
    first();
    expect(await settledWithin(quiet, 20)).toBe('waiting');
    second();
    expect(await settledWithin(quiet, 20)).toBe('open');
  });

  it('counts a card that arrived twice (posted, then a late failure path) once', async () => {
    const gate = createCardsFirst(10_000);
    const first = gate.begin();
    const second = gate.begin();
    first();
    first();
    expect(await settledWithin(gate.quiet(), 20)).toBe('waiting');
    second();
    expect(await settledWithin(gate.quiet(), 20)).toBe('open');
  });

  it('never holds bookkeeping longer than its limit, however many presses keep coming', async () => {
    const gate = createCardsFirst(30);
    gate.begin(); // a press whose card never arrives
    expect(await settledWithin(gate.quiet(), 500)).toBe('open');
  });
});

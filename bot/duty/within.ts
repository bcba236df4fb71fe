/**
 * Waits for `work` at most `ms`; the work goes on in the background after that. For start-up chores
 * that touch storage (planning the next job): with storage up they finish at once, and with storage
 * down they must not hold up the start, where /readyz is what reports the outage.
 */
export async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.then(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref?.();
    }),
  ]).finally(() => clearTimeout(timer));
}

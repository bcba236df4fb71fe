/**
 * Waits for `work`, or rejects with `timeout()` once `deadline` is aborted, whichever comes first. For
 * work that takes no abort signal (getting a token from MSAL or @azure/identity): the caller stops
 * waiting at the deadline; the work itself ends on its own.
 */
export function beforeDeadline<T>(work: Promise<T>, deadline: AbortSignal, timeout: () => unknown): Promise<T> {
  if (deadline.aborted) {
    // The work still settles on its own; nobody waits for it any more.
    work.catch(() => undefined);
    return Promise.reject(timeout());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timeout());
    deadline.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        deadline.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        deadline.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

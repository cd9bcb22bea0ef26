// A promise that gives up after a while: for work that must answer a caller (a readiness probe, a metrics scrape, a
// vendor's tracking entry waiting on 17TRACK) rather than wait as long as a sick dependency takes. Only the wait
// ends; the work goes on unless `timedOut` stops it (the tracking activities abort their 17TRACK call there).

/**
 * `work`'s result, or a rejection with `timedOut()` (by default "timed out") once `ms` have passed; the timer is
 * cleared either way.
 */
export async function withinMs<T>(
  work: Promise<T>,
  ms: number,
  timedOut: () => Error = () => new Error('timed out'),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timedOut()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

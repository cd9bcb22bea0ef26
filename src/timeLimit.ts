// A promise that gives up after a while: for checks that must answer a caller (a readiness probe, a metrics scrape)
// rather than wait as long as a sick dependency takes. The work itself goes on; only the wait ends.

/** `work`'s result, or a rejection with "timed out" once `ms` have passed; the timer is cleared either way. */
export async function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

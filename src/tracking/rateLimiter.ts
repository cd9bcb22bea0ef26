// Spaces requests so no more than `perSecond` start in any one-second window, across every caller that
// shares the limiter (17TRACK allows 3 requests/s per API key).

export interface RateLimiter {
  /** Resolves when the caller may send its request. */
  take(): Promise<void>;
}

/**
 * Network jitter can bring two requests sent exactly one second apart to the server less than a second
 * apart, which the server counts in the same second. The window is widened by this margin against that.
 */
const JITTER_MARGIN_MS = 100;

/** A limiter that allows `perSecond` request starts per rolling second (plus the jitter margin). */
export function createRateLimiter(perSecond: number, now: () => number = Date.now): RateLimiter {
  const windowMs = 1000 + JITTER_MARGIN_MS;
  const starts: number[] = [];
  let queue = Promise.resolve();
  return {
    take() {
      const turn = queue.then(async () => {
        for (;;) {
          const t = now();
          while (starts.length > 0 && starts[0]! <= t - windowMs) starts.shift();
          if (starts.length < perSecond) {
            starts.push(t);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, starts[0]! + windowMs - t + 1));
        }
      });
      queue = turn;
      return turn;
    },
  };
}

const sharedLimiters = new Map<string, RateLimiter>();

/** The one limiter of an API key in this process. */
export function limiterForKey(apiKey: string, perSecond = 3): RateLimiter {
  let limiter = sharedLimiters.get(apiKey);
  if (!limiter) {
    limiter = createRateLimiter(perSecond);
    sharedLimiters.set(apiKey, limiter);
  }
  return limiter;
}

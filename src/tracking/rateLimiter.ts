// Spaces requests so no more than `perSecond` start in any one-second window, across every caller that
// shares the limiter (17TRACK allows 3 requests/s per API key): in one process, or, kept in PostgreSQL, in every
// worker process on the key.
import { createHash } from 'node:crypto';
import { reserveRequestStart } from '../db/sql/reserveRequestStart';
import type { Queryable } from '../db/sql/sqlTemplate';

export interface RateLimiter {
  /** Resolves when the caller may send its request. */
  take(): Promise<void>;
}

/**
 * Network jitter can bring two requests sent exactly one second apart to the server less than a second
 * apart, which the server counts in the same second. The window is widened by this margin against that.
 */
const JITTER_MARGIN_MS = 100;

const WINDOW_MS = 1000 + JITTER_MARGIN_MS;

/** A limiter that allows `perSecond` request starts per rolling second (plus the jitter margin). */
export function createRateLimiter(perSecond: number, now: () => number = Date.now): RateLimiter {
  const starts: number[] = [];
  let queue = Promise.resolve();
  return {
    take() {
      const turn = queue.then(async () => {
        for (;;) {
          const t = now();
          while (starts.length > 0 && starts[0]! <= t - WINDOW_MS) starts.shift();
          if (starts.length < perSecond) {
            starts.push(t);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, starts[0]! + WINDOW_MS - t + 1));
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

/**
 * The limiter of `apiKey` kept in the database, shared by every process that uses it: what a deployment with
 * more than one worker needs. Each take is one statement (about a millisecond); a request that cannot reach
 * the database fails, as the activity sending it would on its next query anyway.
 *
 * A request can still reach 17TRACK later than its start by more than the margin, and meet another process's
 * punctual one. The worst case was a just-started worker's first requests: Node loads its HTTP client on the first
 * fetch (100-300 ms on the loaded test machine), and drill 9 saw 1-4 of about 60 requests answered 429. The worker
 * now makes that first call at start (checkTrack17Key in src/main/service.ts). That leaves a stray 429 now and
 * then, mostly around a worker's start (that first call can itself be the late one), and the client backs off
 * and retries. A wider margin costs every request rate (250 ms: 12% fewer a second) and did not remove them.
 */
export function createSharedRateLimiter(db: Queryable, apiKey: string, perSecond = 3): RateLimiter {
  const window = {
    keyHash: createHash('sha256').update(apiKey).digest('hex'),
    perWindow: perSecond,
    windowMs: WINDOW_MS,
  };
  return {
    async take() {
      const waitMs = await reserveRequestStart(db, window);
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    },
  };
}

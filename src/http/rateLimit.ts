// A per-token rate limit: a token bucket per caller (vendor, platform, or the client address when anonymous),
// answering 429 RATE_LIMITED with Retry-After when it is empty. In memory, so each API process limits on its
// own: behind N processes a caller gets up to N times the rate (acceptable for abuse protection).
import type { RequestHandler } from 'express';
import { HttpError } from './httpError';

export interface RateLimitOptions {
  /** Sustained requests per second per caller. */
  perSecond: number;
  /** Requests a caller may send at once before the sustained rate applies. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** The rate-limit middleware; `identify` names the caller of a request. */
export function rateLimit(
  options: RateLimitOptions,
  identify: (req: Parameters<RequestHandler>[0]) => string,
): RequestHandler {
  const buckets = new Map<string, Bucket>();
  setInterval(() => {
    const idle = Date.now() - 60_000;
    for (const [who, bucket] of buckets) if (bucket.updatedAt < idle) buckets.delete(who);
  }, 60_000).unref();
  return (req, res, next) => {
    const who = identify(req);
    const now = Date.now();
    const bucket = buckets.get(who) ?? { tokens: options.burst, updatedAt: now };
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * options.perSecond);
    bucket.updatedAt = now;
    buckets.set(who, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.ceil((1 - bucket.tokens) / options.perSecond);
      res.setHeader('Retry-After', String(retryAfter));
      throw new HttpError(429, 'RATE_LIMITED', `Too many requests; retry in ${retryAfter} s`, {
        retryAfterSeconds: retryAfter,
      });
    }
    bucket.tokens -= 1;
    next();
  };
}

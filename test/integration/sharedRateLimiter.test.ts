// The 17TRACK rate limit kept in PostgreSQL: worker processes that each have their own connections and their
// own client still share one 3 requests/s, as 17TRACK counts it per key.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPgPool } from '../../src/db/pgPool';
import { reserveRequestStart } from '../../src/db/sql/reserveRequestStart';
import { createSharedRateLimiter } from '../../src/tracking/rateLimiter';
import { createTrack17Client } from '../../src/tracking/track17Client';
import { type Track17Fake, startTrack17Fake } from '../../src/tracking/track17Fake';

const KEY = `shared-limit-${randomUUID()}`;
let fake: Track17Fake;
/** One pool per simulated worker process. */
let pools: pg.Pool[];

beforeAll(async () => {
  fake = await startTrack17Fake({ apiKey: KEY });
  pools = [0, 1, 2].map(() => createPgPool(inject('databaseUrl'), { max: 4, connectionTimeoutMillis: 5000 }));
});
afterAll(async () => {
  await fake?.stop();
  await Promise.all(pools.map((pool) => pool.end()));
});

describe('the rate limiter in the database', () => {
  it('keeps three processes with their own clients within 3 requests per second together', async () => {
    const since = Date.now();
    const clients = pools.map((pool) =>
      createTrack17Client({
        baseUrl: fake.baseUrl,
        apiKey: KEY,
        limiter: createSharedRateLimiter(pool, KEY),
        maxAttempts: 1, // a 429 would fail the call instead of being retried away
      }),
    );
    await Promise.all(
      clients.flatMap((client, c) =>
        Array.from({ length: 4 }, (_, i) => client.getTrackInfo([{ number: `RR${c}${i}0000000CN` }])),
      ),
    );
    const mine = fake.requests.filter((r) => r.at >= since);
    expect(mine.map((r) => r.status)).toEqual(Array.from({ length: 12 }, () => 200));
    expect(fake.peakRequestsPerSecond(since)).toBeLessThanOrEqual(3);
  });

  it('gives the next starts in turn, each a window after the start three back', async () => {
    const window = { keyHash: `test-${randomUUID()}`, perWindow: 3, windowMs: 1000 };
    const lastStart = async () => {
      const { rows } = await pools[0]!.query<{ at: string }>(
        `SELECT (extract(epoch FROM "starts"[cardinality("starts")]) * 1000)::text AS at
         FROM "RequestRateWindow" WHERE "keyHash" = $1`,
        [window.keyHash],
      );
      return Number(rows[0]!.at);
    };
    const waits: number[] = [];
    const starts: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      waits.push(await reserveRequestStart(pools[i % 3]!, window));
      starts.push(await lastStart());
    }
    // The invariant, on the starts as reserved: in turn, and never four within one window.
    for (let i = 1; i < 7; i += 1) expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1]!);
    for (let i = 3; i < 7; i += 1) expect(starts[i]! - starts[i - 3]!).toBeGreaterThanOrEqual(1000);
    // Reserved within moments of each other, the fourth to seventh wait for their turn.
    expect(waits.slice(3).every((wait) => wait > 0)).toBe(true);
    const { rows } = await pools[0]!.query<{ kept: number }>(
      `SELECT cardinality("starts") AS kept FROM "RequestRateWindow" WHERE "keyHash" = $1`,
      [window.keyHash],
    );
    expect(rows[0]!.kept).toBe(3);
  });
});

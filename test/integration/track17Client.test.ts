// Contract tests of the 17TRACK client against the local fake, over loopback, in 17TRACK's wire format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/tracking/rateLimiter';
import { Track17RequestError, createTrack17Client } from '../../src/tracking/track17Client';
import { type Track17Fake, startTrack17Fake } from '../../src/tracking/track17Fake';
import { TRACK17_CODES } from '../../src/tracking/track17Types';

const KEY = 'contract-key';
let fake: Track17Fake;

beforeAll(async () => {
  fake = await startTrack17Fake({ apiKey: KEY });
});
afterAll(async () => fake?.stop());

const client = (overrides: Partial<Parameters<typeof createTrack17Client>[0]> = {}) =>
  createTrack17Client({
    baseUrl: fake.baseUrl,
    apiKey: KEY,
    limiter: createRateLimiter(3),
    backoffMs: () => 50,
    ...overrides,
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const number = (n: number) => `RR${String(n).padStart(9, '0')}CN`;

describe('17TRACK client against the local fake', () => {
  it('returns accepted and rejected items as typed results, with 17TRACK error codes', async () => {
    const result = await client().register([
      { number: number(1), carrier: 3011, tag: 'ord_1' },
      { number: 'LP00543210987654' },
      { number: '12' },
    ]);
    expect(result.accepted).toEqual([
      { origin: 1, number: number(1), carrier: 3011 },
      { origin: 1, number: 'LP00543210987654', carrier: 190271 },
    ]);
    expect(result.rejected).toEqual([
      { number: '12', error: { code: TRACK17_CODES.carrierNotDetected, message: 'The carrier cannot be detected.' } },
    ]);
    const again = await client().register([{ number: number(1) }]);
    expect(again.rejected[0]!.error.code).toBe(TRACK17_CODES.alreadyRegistered);
  });

  it('splits 41 numbers into two requests of 40 and 1', async () => {
    await sleep(1100);
    const before = fake.requests.length;
    const numbers = Array.from({ length: 41 }, (_, i) => ({ number: number(1000 + i), carrier: 3011 }));
    const result = await client().register(numbers);
    expect(result.accepted).toHaveLength(41);
    expect(fake.requests.slice(before).map((r) => r.items)).toEqual([40, 1]);
  });

  it('answers a 41-item request sent by hand with the documented envelope error', async () => {
    await sleep(1100);
    const response = await fetch(`${fake.baseUrl}register`, {
      method: 'POST',
      headers: { '17token': KEY, 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 41 }, (_, i) => ({ number: number(5000 + i) }))),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: TRACK17_CODES.tooManyItems });
  });

  it('backs off and retries on 429, 500 and timeouts, then succeeds', async () => {
    await sleep(1100);
    const before = fake.requests.length;
    fake.failNext(2, 429);
    await expect(client().getTrackInfo([{ number: number(1) }])).resolves.toMatchObject({
      accepted: [{ number: number(1) }],
    });
    fake.failNext(1, 500);
    await expect(client().getTrackInfo([{ number: number(1) }])).resolves.toMatchObject({
      accepted: [{ number: number(1) }],
    });
    fake.failNext(1, 'timeout');
    await expect(client({ timeoutMs: 300 }).getTrackInfo([{ number: number(1) }])).resolves.toMatchObject({
      accepted: [{ number: number(1) }],
    });
    expect(fake.requests.slice(before).map((r) => r.status)).toEqual([429, 429, 200, 500, 200, 0, 200]);
  });

  it('gives up after its attempts with a typed error, and does not retry a bad key', async () => {
    fake.failNext(10, 503);
    await expect(client({ maxAttempts: 3 }).getTrackInfo([{ number: number(1) }])).rejects.toMatchObject({
      name: 'Track17RequestError',
      status: 503,
    });
    fake.failNext(0, 503);
    await sleep(1100);
    const before = fake.requests.length;
    const error = await client({ apiKey: 'wrong' })
      .getTrackInfo([{ number: number(1) }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Track17RequestError);
    expect((error as Track17RequestError).status).toBe(401);
    expect(fake.requests.length - before).toBe(1);
  });

  it('makes no further request once its caller aborts, in a backoff or during a request that hangs', async () => {
    await sleep(1100);
    const since = Date.now();
    fake.failNext(100, 500);
    const giveUp = new AbortController();
    const slow = client({ backoffMs: () => 1_000 }); // the abort comes during the first backoff
    const call = slow.getTrackInfo([{ number: number(1) }], { signal: giveUp.signal }).catch((e: unknown) => e);
    await sleep(300);
    giveUp.abort();
    const error = await call;
    expect(error).toBeInstanceOf(Track17RequestError);
    expect((error as Error).message).toContain('given up by its caller');
    await sleep(1_500); // past the backoff it would have waited out
    expect(fake.requests.filter((r) => r.at >= since)).toHaveLength(1);

    fake.failNext(100, 'timeout');
    const hangUp = new AbortController();
    const hung = client()
      .getTrackInfo([{ number: number(1) }], { signal: hangUp.signal })
      .catch((e: unknown) => e);
    await sleep(300);
    const startedAbort = Date.now();
    hangUp.abort();
    expect(await hung).toBeInstanceOf(Track17RequestError);
    expect(Date.now() - startedAbort).toBeLessThan(1_000); // not the client's 15 s timeout
    await sleep(500);
    expect(fake.requests.filter((r) => r.at >= since)).toHaveLength(2);
    fake.failNext(0, 500);
  });

  it('keeps one shared limiter under 3 requests per second however many callers there are', async () => {
    await sleep(1100);
    const since = Date.now();
    const shared = client();
    await Promise.all(Array.from({ length: 12 }, (_, i) => shared.getTrackInfo([{ number: number(1000 + i) }])));
    const mine = fake.requests.filter((r) => r.at >= since);
    expect(mine).toHaveLength(12);
    expect(mine.every((r) => r.status === 200)).toBe(true);
    expect(fake.peakRequestsPerSecond(since)).toBeLessThanOrEqual(3);
  });

  it('stops, retracks once, and reports the documented codes for the rest', async () => {
    const c = client();
    expect((await c.stopTrack([{ number: number(1) }])).accepted).toHaveLength(1);
    expect((await c.stopTrack([{ number: number(1) }])).rejected[0]!.error.code).toBe(
      TRACK17_CODES.stopOnlyWhileTracking,
    );
    await sleep(1100);
    expect((await c.retrack([{ number: number(1) }])).accepted).toHaveLength(1);
    await c.stopTrack([{ number: number(1) }]);
    expect((await c.retrack([{ number: number(1) }])).rejected[0]!.error.code).toBe(TRACK17_CODES.retrackOnce);
    await sleep(1100);
    expect(
      (await c.changeCarrier([{ number: number(1), carrier_old: 3011, carrier_new: 190271 }])).accepted[0],
    ).toMatchObject({ carrier: 190271 });
    expect(await c.getQuota()).toMatchObject({ quota_total: 100_000 });
  });
});

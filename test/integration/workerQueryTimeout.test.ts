// The worker as it is deployed (src/main/service.ts) gives up on a statement PostgreSQL holds, at its query
// timeout: an activity's own timeout would leave that statement running, to write after the retry began or to
// keep its connection for as long as the worker runs. The statement here is the first any worker sends: the
// shared 17TRACK limiter's reservation in its start-up key check, held behind another session's lock.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { WORKER_QUERY_TIMEOUT_MS } from '../../src/db/database';
import { createPgPool } from '../../src/db/pgPool';
import type { Logger } from '../../src/main/logger';
import { type RunningPart, startWorker } from '../../src/main/service';
import { deleteWorkerSchedules } from '../support/workerSchedules';

const taskQueue = `test-${randomUUID()}`;
const apiKey = `held-${randomUUID()}`;
const holder = createPgPool(inject('databaseUrl'), { max: 1, connectionTimeoutMillis: 5_000 });
let worker: RunningPart | undefined;

afterAll(async () => {
  await worker?.stop();
  await holder.end();
  await deleteWorkerSchedules(inject('temporalAddress'), taskQueue);
});

/** A logger that keeps the warnings, and says when the first arrives. */
function warningsLog() {
  const warnings: { message: string; extra: unknown; at: number }[] = [];
  let heard: (() => void) | undefined;
  const firstWarning = new Promise<void>((resolve) => (heard = resolve));
  const keep = (message: string, extra: unknown) => {
    warnings.push({ message, extra, at: Date.now() });
    heard?.();
  };
  const log: Logger = { debug() {}, info() {}, warn: keep, error: keep };
  return { log, warnings, firstWarning };
}

describe('the deployed worker', () => {
  it('cancels a statement PostgreSQL holds at the worker query timeout, while the lock is still held', async () => {
    // An uncommitted row of the key's rate window: the worker's reservation of the same row waits on it.
    const session = await holder.connect();
    await session.query('BEGIN');
    await session.query(`INSERT INTO "RequestRateWindow" ("keyHash", "starts") VALUES ($1, ARRAY[clock_timestamp()])`, [
      createHash('sha256').update(apiKey).digest('hex'),
    ]);
    const { log, warnings, firstWarning } = warningsLog();
    const startedAt = Date.now();
    try {
      worker = await startWorker(
        loadConfig({ TEMPORAL_TASK_QUEUE: taskQueue }),
        {
          databaseUrl: inject('databaseUrl'),
          temporalAddress: inject('temporalAddress'),
          smtpUrl: 'smtp://127.0.0.1:9',
          // Never reached: the limiter's statement comes first.
          track17: { baseUrl: 'http://127.0.0.1:9/', apiKey },
        },
        log,
      );
      // Bounded, so that a worker without the timeout fails here, with the lock released, rather than hanging.
      await Promise.race([firstWarning, delay(WORKER_QUERY_TIMEOUT_MS + 15_000)]);
    } finally {
      await session.query('ROLLBACK');
      session.release();
    }
    expect(warnings.length, 'the held statement was never given up').toBeGreaterThan(0);
    expect(warnings[0]!.message).toMatch(/17TRACK key check failed/);
    expect(String(warnings[0]!.extra)).toMatch(/statement timeout/);
    const waitedMs = warnings[0]!.at - startedAt;
    expect(waitedMs).toBeGreaterThanOrEqual(WORKER_QUERY_TIMEOUT_MS);
  });
});

// The retention sweep: Idempotency-Key records past their 24 hours and 17TRACK push receipts past their 30 days
// are deleted, in batches, by a Schedule's workflow; younger ones stay. Real Temporal and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_TTL_MS } from '../../src/http/idempotency';
import { ensureRetentionSweepSchedule, retentionSweepScheduleId } from '../../src/temporal/retentionSweepSchedule';
import { runRetentionSweep } from '../support/scheduleRuns';
import { type TestStack, startTestStack } from '../support/testStack';

const DAY_MS = 24 * 60 * 60_000;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => stack?.stop());

/** Idempotency records of a scope of their own, created `agesMs` ago. */
async function idempotencyRecordsAged(agesMs: number[]): Promise<string> {
  const scope = `sweep-${randomUUID()}`;
  await stack.prisma.idempotencyRecord.createMany({
    data: agesMs.map((ageMs, i) => ({
      scope,
      key: `key-${i}`,
      requestHash: 'h',
      status: 201,
      responseBody: { order: { id: `ord_${i}` } },
      createdAt: new Date(Date.now() - ageMs),
    })),
  });
  return scope;
}

/** 17TRACK push receipts of a number of their own, received `agesMs` ago. */
async function webhookReceiptsAged(agesMs: number[]): Promise<string> {
  const number = `SWEEP${randomUUID().slice(0, 8)}`;
  await stack.prisma.webhookReceipt.createMany({
    data: agesMs.map((ageMs) => ({
      bodyHash: randomUUID(),
      number,
      receivedAt: new Date(Date.now() - ageMs),
    })),
  });
  return number;
}

describe('the retention sweep', () => {
  it('deletes idempotency records past their time and push receipts past theirs, in batches, and keeps the rest', async () => {
    const scope = await idempotencyRecordsAged([DAY_MS + 60_000, 2 * DAY_MS, 3 * DAY_MS, 40 * DAY_MS, 60_000]);
    const number = await webhookReceiptsAged([31 * DAY_MS, 45 * DAY_MS, 29 * DAY_MS, DAY_MS]);

    // Batches of 2: the sweep goes on until a batch comes back short.
    const result = await runRetentionSweep(stack, {
      idempotencyKeyTtlMs: KEY_TTL_MS,
      webhookReceiptTtlMs: 30 * DAY_MS,
      batchSize: 2,
    });

    const keys = await stack.prisma.idempotencyRecord.findMany({ where: { scope }, select: { key: true } });
    expect(keys.map((record) => record.key)).toEqual(['key-4']);
    const receipts = await stack.prisma.webhookReceipt.findMany({ where: { number }, orderBy: { receivedAt: 'asc' } });
    expect(receipts.map((receipt) => Math.round((Date.now() - receipt.receivedAt.getTime()) / DAY_MS))).toEqual([
      29, 1,
    ]);
    // Other test files share the database, so at least this file's expired rows.
    expect(result.idempotencyRecords).toBeGreaterThanOrEqual(4);
    expect(result.webhookReceipts).toBeGreaterThanOrEqual(2);
  });

  it('runs as a Schedule every hour, on the deployment task queue', async () => {
    await ensureRetentionSweepSchedule(stack.client, stack.taskQueue);
    const handle = stack.client.schedule.getHandle(retentionSweepScheduleId(stack.taskQueue));
    try {
      const schedule = await handle.describe();
      expect(schedule.spec.intervals).toMatchObject([{ every: 60 * 60_000 }]);
      expect(schedule.action).toMatchObject({ workflowType: 'retentionSweepWorkflow', taskQueue: stack.taskQueue });
      expect(schedule.action.args).toEqual([
        { idempotencyKeyTtlMs: 24 * 60 * 60_000, webhookReceiptTtlMs: 30 * DAY_MS, batchSize: 5_000 },
      ]);
    } finally {
      await handle.delete();
    }
  });
});

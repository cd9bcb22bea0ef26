// The retention sweep (run by its Schedule, src/temporal/retentionSweepSchedule.ts): records that are only kept
// for a while are deleted once their time is up, so the tables do not grow with every request for ever. An
// Idempotency-Key record holds a whole response, and a storefront that sends a key with every order would
// otherwise leave one per order behind.
import { heartbeat } from '@temporalio/activity';
import { deleteIdempotencyRecordsBefore, deleteWebhookReceiptsBefore } from '../src/db/sql/expiredRecords';
import type { Queryable } from '../src/db/sql/sqlTemplate';

export interface SweepExpiredRecordsInput {
  /** Idempotency-Key records older than this go (the key's documented lifetime). */
  idempotencyKeyTtlMs: number;
  /** 17TRACK push receipts older than this go. */
  webhookReceiptTtlMs: number;
  /** Rows per delete statement, so no statement holds its locks for long. */
  batchSize: number;
}

export interface RetentionSweepResult {
  idempotencyRecords: number;
  webhookReceipts: number;
}

/** Runs `deleteBatch` until a batch comes back short; returns the rows deleted in all. */
async function deleteInBatches(deleteBatch: () => Promise<number>, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch();
    total += deleted;
    heartbeat();
    if (deleted < batchSize) return total;
  }
}

export function createRetentionSweepActivities({ pool }: { pool: Queryable }) {
  return {
    /** Deletes the idempotency records and push receipts whose time is up; returns how many of each. */
    async sweepExpiredRecords(input: SweepExpiredRecordsInput): Promise<RetentionSweepResult> {
      const now = Date.now();
      const keysBefore = new Date(now - input.idempotencyKeyTtlMs);
      const receiptsBefore = new Date(now - input.webhookReceiptTtlMs);
      return {
        idempotencyRecords: await deleteInBatches(
          () => deleteIdempotencyRecordsBefore(pool, keysBefore, input.batchSize),
          input.batchSize,
        ),
        webhookReceipts: await deleteInBatches(
          () => deleteWebhookReceiptsBefore(pool, receiptsBefore, input.batchSize),
          input.batchSize,
        ),
      };
    },
  };
}

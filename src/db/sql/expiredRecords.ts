// Records kept only for a while (prisma/schema.prisma): Idempotency-Key records, kept 24 hours, and the receipts
// of 17TRACK pushes, kept to refuse a re-sent push. The retention sweep deletes them in batches
// (activities/retentionSweep.ts), each batch one statement on the table's time index.
import { type Queryable, sql } from './sqlTemplate';

/** Deletes up to `limit` idempotency records created before `before`; returns how many it deleted. */
export async function deleteIdempotencyRecordsBefore(db: Queryable, before: Date, limit: number): Promise<number> {
  const { rowCount } = await db.query(sql`
    DELETE FROM "IdempotencyRecord" WHERE ("scope", "key") IN (
      SELECT "scope", "key" FROM "IdempotencyRecord"
      WHERE "createdAt" < ${before.toISOString()}::timestamp LIMIT ${limit})`);
  return rowCount ?? 0;
}

/** Deletes up to `limit` 17TRACK push receipts received before `before`; returns how many it deleted. */
export async function deleteWebhookReceiptsBefore(db: Queryable, before: Date, limit: number): Promise<number> {
  const { rowCount } = await db.query(sql`
    DELETE FROM "WebhookReceipt" WHERE "bodyHash" IN (
      SELECT "bodyHash" FROM "WebhookReceipt"
      WHERE "receivedAt" < ${before.toISOString()}::timestamp LIMIT ${limit})`);
  return rowCount ?? 0;
}

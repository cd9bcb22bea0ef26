// The intake's start intents (PendingWorkflowStart, see prisma/schema.prisma): confirmed when the workflow
// runs, and listed for the intake repair when one is left behind.
import { type Queryable, sql } from './sqlTemplate';

/** The start of `orderId`'s workflow is confirmed: Temporal has it (running, or already closed). */
export async function confirmWorkflowStart(db: Queryable, orderId: string): Promise<void> {
  await db.query(sql`DELETE FROM "PendingWorkflowStart" WHERE "orderId" = ${orderId}`);
}

/** Up to `limit` orders, oldest first, whose start is still unconfirmed and older than `before`. */
export async function selectPendingWorkflowStarts(db: Queryable, before: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ orderId: string }>(sql`
    SELECT "orderId" FROM "PendingWorkflowStart"
    WHERE "createdAt" < ${before.toISOString()}::timestamp
    ORDER BY "createdAt" LIMIT ${limit}`);
  return rows.map((row) => row.orderId);
}

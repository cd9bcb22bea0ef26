// An event for the timeline of an order whose workflow has ended: the workflow numbers every event of a running
// order (src/db/sql/applyOrderChange.ts), and once it has ended nothing else writes one, so the next number is the
// row's last plus one. Used by the outbox relay for an email refused after the order ended.
import { randomUUID } from 'node:crypto';
import { type Queryable, sql } from './sqlTemplate';

export interface EndedOrderEvent {
  type: string;
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

/** Appends `event` to the timeline of `orderId`, whose workflow has ended, leaving its status as it is. */
export async function appendEventToEndedOrder(db: Queryable, orderId: string, event: EndedOrderEvent): Promise<void> {
  const now = new Date().toISOString(); // timestamp(3) columns hold UTC, as Prisma writes them
  await db.query(sql`
    WITH next AS (
      SELECT "id", "lastEventSeq" + 1 AS "seq", "status" FROM "Order" WHERE "id" = ${orderId} FOR UPDATE
    ), event AS (
      INSERT INTO "OrderEvent" ("id", "orderId", "seq", "type", "actor", "data", "at", "status")
      SELECT ${randomUUID()}, next."id", next."seq", ${event.type}, ${event.actor}, ${JSON.stringify(event.data)}::jsonb,
        ${event.at}::timestamp, next."status"
      FROM next
      RETURNING "orderId", "seq"
    )
    UPDATE "Order" SET "lastEventSeq" = event."seq", "updatedAt" = ${now}::timestamp
    FROM event WHERE "Order"."id" = event."orderId"`);
}

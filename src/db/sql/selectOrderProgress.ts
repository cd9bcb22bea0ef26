// Where an order stands now, for the outbox relay's judgement of an email asked for earlier
// (src/mail/outdatedEmail.ts): its status, its carrier's last word, its customer's email, and its purchases and
// tracking numbers counted from its timeline as the workflow counts them (workflows/order.ts).
import type { OrderProgress } from '../../mail/outdatedEmail';
import { type Queryable, sql } from './sqlTemplate';

/** The progress of `orderId`, or undefined when there is no such order. */
export async function selectOrderProgress(db: Queryable, orderId: string): Promise<OrderProgress | undefined> {
  const {
    rows: [row],
  } = await db.query<OrderProgress>(sql`
    SELECT o."status"::text AS "status", t."carrierStatus", o."customerEmail",
      1 + (SELECT count(*)::int FROM "OrderEvent" e WHERE e."orderId" = o."id"
        AND e."type" IN ('supplier_order.corrected', 'supplier_order.reshipped')
        AND (e."data"->>'newPurchase')::boolean) AS "purchases",
      1 + (SELECT count(*)::int FROM "OrderEvent" e WHERE e."orderId" = o."id"
        AND e."type" = 'tracking.corrected') AS "trackingNumbers"
    FROM "Order" o LEFT JOIN "Tracking" t ON t."orderId" = o."id"
    WHERE o."id" = ${orderId}`);
  return row;
}

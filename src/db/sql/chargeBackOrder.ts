// A chargeback of a completed order as one SQL statement: the released earnings taken back in the ledger (−X
// available, +X reversed), the event on the order's timeline (and so in the change feed), and the vendor's email
// in the outbox, all or nothing. The order's workflow has ended, so nothing else writes to it meanwhile; the
// ledger's unique keys make a second chargeback of the same order write nothing at all.
import { randomUUID } from 'node:crypto';
import type { SendOrderEmailInput } from '../../../activities/emails';
import { type Queryable, sql } from './sqlTemplate';

export interface ChargeBack {
  orderId: string;
  reason: string;
  /** The vendor's email, as the outbox relay will send it. */
  email: { key: string; subject: string; messageId: string; request: SendOrderEmailInput };
}

/** Writes the chargeback; false when the order was charged back already (or has no released earnings). */
export async function chargeBackOrder(db: Queryable, chargeBack: ChargeBack): Promise<boolean> {
  const { orderId, reason, email } = chargeBack;
  const now = new Date().toISOString(); // timestamp(3) columns hold UTC, as Prisma writes them
  const { rows } = await db.query<{ charged: boolean }>(sql`
    WITH released AS (
      SELECT o."id", o."vendorId", o."lastEventSeq" + 1 AS "seq", r."amount", r."currency", v."email"
      FROM "Order" o
        JOIN "EarningsEntry" r ON r."key" = o."id" || ':release:AVAILABLE'
        JOIN "Vendor" v ON v."id" = o."vendorId"
      WHERE o."id" = ${orderId} AND o."status" = 'COMPLETED'
      FOR UPDATE OF o
    ), ledger AS (
      INSERT INTO "EarningsEntry" ("id", "key", "vendorId", "orderId", "bucket", "amount", "currency", "reason",
        "createdAt")
      SELECT gen_random_uuid()::text, released."id" || ':chargeback:' || m."bucket", released."vendorId", released."id",
        m."bucket"::"EarningsBucket", m."sign" * released."amount", released."currency", 'chargeback', ${now}::timestamp
      FROM released, (VALUES ('AVAILABLE', -1), ('REVERSED', 1)) AS m("bucket", "sign")
      ON CONFLICT ("key") DO NOTHING
      RETURNING 1
    ), event AS (
      INSERT INTO "OrderEvent" ("id", "orderId", "seq", "type", "actor", "data", "at", "status")
      SELECT ${randomUUID()}, released."id", released."seq", 'earnings.charged_back', 'platform',
        jsonb_build_object('reason', ${reason}::text, 'amount', released."amount", 'currency', released."currency"),
        ${now}::timestamp, 'COMPLETED'
      FROM released WHERE EXISTS (SELECT 1 FROM ledger)
      RETURNING "orderId", "seq"
    ), row AS (
      UPDATE "Order" SET "lastEventSeq" = event."seq", "updatedAt" = ${now}::timestamp
      FROM event WHERE "Order"."id" = event."orderId"
    ), outbox AS (
      INSERT INTO "EmailOutbox" ("id", "key", "orderId", "kind", "to", "subject", "messageId", "createdAt", "request")
      SELECT ${randomUUID()}, ${email.key}, released."id", ${email.request.kind}, released."email", ${email.subject},
        ${email.messageId}, ${now}::timestamp, ${JSON.stringify(email.request)}::jsonb
      FROM released WHERE EXISTS (SELECT 1 FROM ledger)
      ON CONFLICT ("key") DO NOTHING
    )
    SELECT EXISTS (SELECT 1 FROM ledger) AS "charged"`);
  return rows[0]?.charged ?? false;
}

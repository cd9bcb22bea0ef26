// The read model's write for one workflow change, as one SQL statement: the event (its (order, seq) key makes a
// retry a no-op), the order row (never moved back to an older event), and the side rows the change carries.
// Every part depends on the event insert, so a change already recorded writes nothing. One statement instead
// of Prisma's interactive transaction (six round trips and a query compile each) cut a vendor action's
// round trip; docs/benchmark-log.md has the numbers.
import { randomUUID } from 'node:crypto';
import { type Queryable, sql } from './sqlTemplate';

export interface OrderChangeRow {
  orderId: string;
  seq: number;
  status: string;
  event: { type: string; actor: string; at: string; data: Record<string, unknown> };
  slaBreached?: boolean | undefined;
  disputeOpen?: boolean | undefined;
  cancelReason?: string | undefined;
  shippingAddress?: Record<string, unknown> | undefined;
  customerEmail?: string | undefined;
  supplierOrder?: Record<string, unknown> | undefined;
  tracking?: Record<string, unknown> | undefined;
  carrier?: Record<string, unknown> | undefined;
  earnings?: Record<string, unknown>[] | undefined;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Applies one change; writes nothing when (orderId, seq) is already recorded. */
export async function applyOrderChange(db: Queryable, change: OrderChangeRow): Promise<void> {
  const now = new Date().toISOString(); // timestamp(3) columns hold UTC, as Prisma writes them
  await db.query(sql`
    WITH event AS (
      INSERT INTO "OrderEvent" ("id", "orderId", "seq", "type", "actor", "data", "at", "status")
      VALUES (${randomUUID()}, ${change.orderId}, ${change.seq}, ${change.event.type}, ${change.event.actor},
        ${JSON.stringify(change.event.data)}::jsonb, ${change.event.at}::timestamp, ${change.status}::"OrderStatus")
      ON CONFLICT ("orderId", "seq") DO NOTHING
      RETURNING "orderId"
    ), order_row AS (
      UPDATE "Order" SET "status" = ${change.status}::"OrderStatus", "lastEventSeq" = ${change.seq},
        "updatedAt" = ${now}::timestamp,
        "slaBreached" = COALESCE(${change.slaBreached ?? null}::boolean, "slaBreached"),
        "disputeOpen" = COALESCE(${change.disputeOpen ?? null}::boolean, "disputeOpen"),
        "cancelReason" = COALESCE(${change.cancelReason ?? null}::text, "cancelReason"),
        "shippingAddress" = COALESCE(${json(change.shippingAddress)}::jsonb, "shippingAddress"),
        "customerEmail" = COALESCE(${change.customerEmail ?? null}::text, "customerEmail")
      WHERE "id" IN (SELECT "orderId" FROM event) AND "lastEventSeq" < ${change.seq}
    ), supplier_order AS (
      INSERT INTO "SupplierOrder" ("orderId", "supplier", "supplierOrderId", "amountPaid", "currency", "shipTo",
        "recordedAt")
      SELECT event."orderId", s."supplier"::"Supplier", s."supplierOrderId", s."amountPaid", s."currency", s."shipTo",
        s."recordedAt"
      FROM event, jsonb_to_record(${json(change.supplierOrder)}::jsonb) AS s("supplier" text, "supplierOrderId" text,
        "amountPaid" int, "currency" text, "shipTo" jsonb, "recordedAt" timestamp)
      WHERE ${json(change.supplierOrder)}::jsonb IS NOT NULL
      ON CONFLICT ("orderId") DO UPDATE SET "supplier" = EXCLUDED."supplier",
        "supplierOrderId" = EXCLUDED."supplierOrderId", "amountPaid" = EXCLUDED."amountPaid",
        "currency" = EXCLUDED."currency", "shipTo" = EXCLUDED."shipTo", "recordedAt" = EXCLUDED."recordedAt"
    ), tracking AS (
      INSERT INTO "Tracking" ("orderId", "number", "carrier", "registeredAt")
      SELECT event."orderId", t."number", t."carrier", t."registeredAt"
      FROM event, jsonb_to_record(${json(change.tracking)}::jsonb) AS t("number" text, "carrier" int,
        "registeredAt" timestamp)
      WHERE ${json(change.tracking)}::jsonb IS NOT NULL
      ON CONFLICT ("orderId") DO UPDATE SET "number" = EXCLUDED."number", "carrier" = EXCLUDED."carrier",
        "registeredAt" = EXCLUDED."registeredAt"
    ), carrier AS (
      UPDATE "Tracking" SET "carrierStatus" = c."carrierStatus", "subStatus" = c."subStatus",
        "lastEventAt" = c."lastEventAt", "lastEventText" = c."lastEventText", "lastEventPlace" = c."lastEventPlace",
        "providersHash" = c."providersHash", "lastCheckedAt" = ${change.event.at}::timestamp
      FROM jsonb_to_record(${json(change.carrier)}::jsonb) AS c("carrierStatus" text, "subStatus" text,
        "lastEventAt" timestamp, "lastEventText" text, "lastEventPlace" text, "providersHash" text)
      WHERE "Tracking"."orderId" IN (SELECT "orderId" FROM event) AND ${json(change.carrier)}::jsonb IS NOT NULL
    )
    INSERT INTO "EarningsEntry" ("id", "key", "vendorId", "orderId", "bucket", "amount", "currency", "reason")
    SELECT gen_random_uuid()::text, e."key", e."vendorId", event."orderId", e."bucket"::"EarningsBucket", e."amount",
      e."currency", e."reason"
    FROM event, jsonb_to_recordset(COALESCE(${json(change.earnings)}::jsonb, '[]'::jsonb)) AS e("key" text,
      "vendorId" text, "bucket" text, "amount" int, "currency" text, "reason" text)
    ON CONFLICT ("key") DO NOTHING`);
}

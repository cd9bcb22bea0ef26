// Order intake's write: the order, its lines, event 0 and its pending workflow start in one SQL statement.
// Prisma's nested create does the same in eight round trips inside a transaction, and compiles the query each
// time; intake is the service's hottest write, so it gets one statement (docs/benchmark-log.md has the numbers).
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/client';
import type { TimelineEvent } from './selectOrderRow';
import { type Queryable, sql } from './sqlTemplate';

export type NewOrder = Omit<
  Prisma.OrderGetPayload<{ include: { items: true } }>,
  'lastEventSeq' | 'slaBreached' | 'cancelReason' | 'disputeOpen' | 'updatedAt'
>;
export type InsertedOrder = Prisma.OrderGetPayload<{ include: { items: true } }> & { events: TimelineEvent[] };

/**
 * Inserts `order` with its items, the `order.created` event and its PendingWorkflowStart row (deleted once the
 * workflow runs); throws pg's unique / foreign-key violations.
 */
export async function insertOrder(db: Queryable, order: NewOrder): Promise<InsertedOrder> {
  const at = order.createdAt.toISOString(); // timestamp(3) columns hold UTC, as Prisma writes them
  const event = {
    type: 'order.created',
    actor: 'platform',
    data: { externalId: order.externalId },
    at: order.createdAt,
  };
  await db.query(sql`
    WITH new_order AS (
      INSERT INTO "Order" ("id", "externalId", "vendorId", "status", "dropship", "customerName", "customerEmail",
        "shippingAddress", "currency", "saleAmount", "supplierCost", "createdAt", "updatedAt")
      VALUES (${order.id}, ${order.externalId}, ${order.vendorId}, ${order.status}::"OrderStatus", ${order.dropship},
        ${order.customerName}, ${order.customerEmail}, ${JSON.stringify(order.shippingAddress)}::jsonb, ${order.currency},
        ${order.saleAmount}, ${order.supplierCost}, ${at}::timestamp, ${at}::timestamp)
      RETURNING "id"
    ), items AS (
      INSERT INTO "OrderItem" ("id", "orderId", "position", "sku", "title", "quantity", "unitPrice", "supplier",
        "productUrl", "supplierCost", "variant")
      SELECT i."id", new_order."id", i."position", i."sku", i."title", i."quantity", i."unitPrice",
        i."supplier"::"Supplier", i."productUrl", i."supplierCost", i."variant"
      FROM new_order, jsonb_to_recordset(${JSON.stringify(order.items)}::jsonb) AS i("id" text, "position" int,
        "sku" text, "title" text, "quantity" int, "unitPrice" int, "supplier" text, "productUrl" text,
        "supplierCost" int, "variant" text)
    ), pending_start AS (
      INSERT INTO "PendingWorkflowStart" ("orderId", "createdAt") SELECT new_order."id", ${at}::timestamp FROM new_order
    )
    INSERT INTO "OrderEvent" ("id", "orderId", "seq", "type", "actor", "data", "at", "status")
    SELECT ${randomUUID()}, new_order."id", 0, ${event.type}, ${event.actor}, ${JSON.stringify(event.data)}::jsonb,
      ${at}::timestamp, ${order.status}::"OrderStatus"
    FROM new_order`);
  return {
    ...order,
    lastEventSeq: 0,
    slaBreached: false,
    cancelReason: null,
    disputeOpen: false,
    updatedAt: order.createdAt,
    events: [event],
  };
}

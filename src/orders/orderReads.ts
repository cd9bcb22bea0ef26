// Reading orders for a caller: a vendor sees its own orders only; anything else is "not found".
import type { Prisma } from '../db/generated/client';
import { NEWEST_FIRST, decodePageCursor, pageOf, rowsAfter } from '../db/pageCursor';
import type { PrismaClient } from '../db/prismaClient';
import { selectOrderRow } from '../db/sql/selectOrderRow';
import { type Queryable, sql } from '../db/sql/sqlTemplate';
import type { OrderStatus } from '../domain/orderStatus';
import { normalizeTrackingNumber } from '../domain/trackingNumber';
import type { Caller } from '../http/auth';
import { orderNotFound } from '../http/httpError';
import { OrderIdSchema } from '../http/schemas';
import { ORDER_INCLUDE, type OrderRow, orderView } from './orderView';
import type { SupplierName } from '../../workflows/messages';

/** The order `orderId` as `caller` may see it; 404 when it does not exist or is another vendor's. */
export async function findOrderFor(db: Queryable, caller: Caller, orderId: string): Promise<OrderRow> {
  const row = await selectOrderRow(db, orderId);
  if (!row || (caller.kind === 'vendor' && row.vendorId !== caller.vendorId)) throw orderNotFound(orderId);
  return row;
}

/** Just the owner and status of an order the caller may see (404 otherwise): enough to decide on an action. */
export async function findOrderStatusFor(db: Queryable, caller: Caller, orderId: string) {
  // Hand-written: every vendor action asks this first, and Prisma's query compile costs more than the query.
  const {
    rows: [row],
  } = await db.query<{ vendorId: string; status: OrderStatus }>(sql`
    SELECT "vendorId", "status"::text AS "status" FROM "Order" WHERE "id" = ${orderId}`);
  if (!row || (caller.kind === 'vendor' && row.vendorId !== caller.vendorId)) throw orderNotFound(orderId);
  return row;
}

export interface ListOrdersQuery {
  status?: OrderStatus | undefined;
  dropship?: boolean | undefined;
  slaBreached?: boolean | undefined;
  disputeOpen?: boolean | undefined;
  vendorId?: string | undefined;
  externalId?: string | undefined;
  supplierOrderId?: string | undefined;
  trackingNumber?: string | undefined;
  supplier?: SupplierName | undefined;
  createdBefore?: Date | undefined;
  createdAfter?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Newest orders first, `limit` at a time; `nextCursor` continues the list. */
export async function listOrdersFor(prisma: PrismaClient, caller: Caller, query: ListOrdersQuery) {
  const after = decodePageCursor(query.cursor, (id) => OrderIdSchema.safeParse(id).success);
  const where: Prisma.OrderWhereInput = {
    ...(caller.kind === 'vendor' ? { vendorId: caller.vendorId } : query.vendorId ? { vendorId: query.vendorId } : {}),
    ...(query.status && { status: query.status }),
    ...(query.externalId && { externalId: query.externalId }),
    ...(query.supplierOrderId && { supplierOrder: { supplierOrderId: query.supplierOrderId } }),
    ...(query.trackingNumber && { tracking: { number: normalizeTrackingNumber(query.trackingNumber) } }),
    ...(query.dropship !== undefined && { dropship: query.dropship }),
    ...(query.slaBreached !== undefined && { slaBreached: query.slaBreached }),
    ...(query.disputeOpen !== undefined && { disputeOpen: query.disputeOpen }),
    // A line listed at the supplier, or a purchase made there: a vendor may buy a product at the other supplier.
    ...(query.supplier && {
      AND: [
        { OR: [{ items: { some: { supplier: query.supplier } } }, { supplierOrder: { supplier: query.supplier } }] },
      ],
    }),
    ...((query.createdBefore || query.createdAfter) && {
      createdAt: {
        ...(query.createdBefore && { lt: query.createdBefore }),
        ...(query.createdAfter && { gte: query.createdAfter }),
      },
    }),
    ...(after && rowsAfter(after)),
  };
  const rows = await prisma.order.findMany({
    where,
    include: ORDER_INCLUDE,
    orderBy: NEWEST_FIRST,
    take: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit);
  return {
    orders: page.map((row) => {
      const { events: _events, ...summary } = orderView(row);
      return summary;
    }),
    nextCursor,
  };
}

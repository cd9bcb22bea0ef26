// An order with everything its page shows (what ORDER_INCLUDE loads), read in one SQL statement. The API reads
// this after every vendor action and for GET /v1/orders/:id; Prisma's include of the same took about 5 ms of
// CPU per read, most of it compiling the query, against about 1 ms for this.
import type { Prisma } from '../generated/client';
import { utcTimestamp } from '../pgPool';
import { type Queryable, sql } from './sqlTemplate';

/** What an order's timeline shows of an event; the change feed's columns are src/orders/changeFeed.ts's business. */
export const TIMELINE_EVENT_SELECT = {
  at: true,
  type: true,
  actor: true,
  data: true,
} as const satisfies Prisma.OrderEventSelect;
export type TimelineEvent = Prisma.OrderEventGetPayload<{ select: typeof TIMELINE_EVENT_SELECT }>;

type OrderRow = Prisma.OrderGetPayload<{
  include: {
    items: true;
    supplierOrder: true;
    tracking: true;
    events: { select: typeof TIMELINE_EVENT_SELECT };
    earnings: true;
  };
}>;
/** A row as json_agg / row_to_json gives it: timestamps as ISO strings without a zone (the columns hold UTC). */
type AsJson<Row> = {
  [Key in keyof Row]: Row[Key] extends Date ? string : Row[Key] extends Date | null ? string | null : Row[Key];
};
type RawOrderRow = Omit<OrderRow, 'supplierOrder' | 'tracking' | 'events' | 'earnings'> & {
  supplierOrder: AsJson<NonNullable<OrderRow['supplierOrder']>> | null;
  tracking: AsJson<NonNullable<OrderRow['tracking']>> | null;
  events: AsJson<OrderRow['events'][number]>[];
  earnings: AsJson<OrderRow['earnings'][number]>[];
};

const utcOrNull = (value: string | null) => (value === null ? null : utcTimestamp(value));

/** The order `orderId` with its lines, supplier order, tracking, events and earnings; undefined if none. */
export async function selectOrderRow(db: Queryable, orderId: string): Promise<OrderRow | undefined> {
  const {
    rows: [row],
  } = await db.query<RawOrderRow>(sql`
    SELECT o."id", o."externalId", o."vendorId", o."status"::text AS "status", o."dropship", o."customerName",
      o."customerEmail", o."shippingAddress", o."currency"::text AS "currency", o."saleAmount", o."supplierCost",
      o."lastEventSeq", o."slaBreached", o."cancelReason", o."disputeOpen", o."createdAt", o."updatedAt",
      COALESCE((SELECT json_agg(i ORDER BY i."position") FROM "OrderItem" i WHERE i."orderId" = o."id"), '[]')
        AS "items",
      (SELECT row_to_json(s) FROM "SupplierOrder" s WHERE s."orderId" = o."id") AS "supplierOrder",
      (SELECT row_to_json(t) FROM "Tracking" t WHERE t."orderId" = o."id") AS "tracking",
      COALESCE((SELECT json_agg(json_build_object('at', e."at", 'type', e."type", 'actor', e."actor", 'data', e."data")
        ORDER BY e."seq") FROM "OrderEvent" e WHERE e."orderId" = o."id"), '[]') AS "events",
      COALESCE((SELECT json_agg(x ORDER BY x."key") FROM "EarningsEntry" x WHERE x."orderId" = o."id"), '[]')
        AS "earnings"
    FROM "Order" o
    WHERE o."id" = ${orderId}`);
  if (!row) return undefined;
  const { supplierOrder, tracking } = row;
  return {
    ...row,
    supplierOrder: supplierOrder && { ...supplierOrder, recordedAt: utcTimestamp(supplierOrder.recordedAt) },
    tracking: tracking && {
      ...tracking,
      lastEventAt: utcOrNull(tracking.lastEventAt),
      registeredAt: utcTimestamp(tracking.registeredAt),
      lastCheckedAt: utcOrNull(tracking.lastCheckedAt),
      stoppedAt: utcOrNull(tracking.stoppedAt),
      awaitingRegistrationSince: utcOrNull(tracking.awaitingRegistrationSince),
    },
    events: row.events.map((event) => ({ ...event, at: utcTimestamp(event.at) })),
    earnings: row.earnings.map((entry) => ({ ...entry, createdAt: utcTimestamp(entry.createdAt) })),
  };
}

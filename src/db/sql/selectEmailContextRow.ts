// What an order email shows, read in one SQL statement: the order, its vendor, its lines in order, its
// supplier order, its tracking and its accrued earnings. Prisma's include of the same took about 3.5 ms of CPU
// per email in query compiling; every order email reads this.
import type { Supplier } from '../generated/enums';
import { type Queryable, sql } from './sqlTemplate';

export interface EmailContextRow {
  id: string;
  externalId: string;
  customerName: string;
  customerEmail: string;
  shippingAddress: unknown;
  saleAmount: number;
  currency: string;
  cancelReason: string | null;
  vendorName: string;
  vendorEmail: string;
  items: {
    sku: string;
    title: string;
    quantity: number;
    variant: string | null;
    supplier: Supplier | null;
    productUrl: string | null;
    supplierCost: number | null;
  }[];
  /** The supplier purchase the vendor recorded, if any. */
  supplierOrderSupplier: Supplier | null;
  supplierOrderId: string | null;
  trackingNumber: string | null;
  trackingCarrier: number | null;
  /** The amount of the order's accrue movement (one PENDING entry), once it is delivered. */
  accruedAmount: number | null;
  accruedCurrency: string | null;
}

/** The email row of `orderId`, or undefined when there is no such order. */
export async function selectEmailContextRow(db: Queryable, orderId: string): Promise<EmailContextRow | undefined> {
  const {
    rows: [row],
  } = await db.query<EmailContextRow>(sql`
    SELECT o."id", o."externalId", o."customerName", o."customerEmail", o."shippingAddress", o."saleAmount",
      o."currency"::text AS "currency", o."cancelReason", v."name" AS "vendorName", v."email" AS "vendorEmail",
      COALESCE((
        SELECT json_agg(json_build_object('sku', i."sku", 'title', i."title", 'quantity', i."quantity",
          'variant', i."variant", 'supplier', i."supplier", 'productUrl', i."productUrl",
          'supplierCost', i."supplierCost") ORDER BY i."position")
        FROM "OrderItem" i WHERE i."orderId" = o."id"), '[]'::json) AS "items",
      s."supplier"::text AS "supplierOrderSupplier", s."supplierOrderId",
      t."number" AS "trackingNumber", t."carrier" AS "trackingCarrier",
      e."amount" AS "accruedAmount", e."currency"::text AS "accruedCurrency"
    FROM "Order" o
    JOIN "Vendor" v ON v."id" = o."vendorId"
    LEFT JOIN "SupplierOrder" s ON s."orderId" = o."id"
    LEFT JOIN "Tracking" t ON t."orderId" = o."id"
    LEFT JOIN LATERAL (
      SELECT "amount", "currency" FROM "EarningsEntry"
      WHERE "orderId" = o."id" AND "reason" = 'accrue' ORDER BY "key" LIMIT 1
    ) e ON true
    WHERE o."id" = ${orderId}`);
  return row;
}

// Request shapes of the API (PRODUCT §6), with limits; the same schemas feed the OpenAPI document.
import { z } from 'zod';
import { ORDER_STATUSES } from '../domain/orderStatus';

const text = (max: number) => z.string().trim().min(1).max(max);

export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD');

export const MoneySchema = z.object({
  amount: z.number().int('must be an integer number of minor units').min(0).max(100_000_000),
  currency: CurrencySchema,
});

export const AddressSchema = z.object({
  name: text(200),
  line1: text(200),
  line2: z.string().trim().max(200).optional(),
  city: text(100),
  region: z.string().trim().max(100).optional(),
  postalCode: text(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code like US'),
  phone: z.string().trim().max(40).optional(),
});

/** Supplier pages live on these hosts; the URL is shown to the vendor and never fetched by the server. */
const SUPPLIER_HOSTS = { aliexpress: /(^|\.)aliexpress\.(com|us|ru)$/, cj: /(^|\.)cjdropshipping\.com$/ } as const;

export const SupplierSchema = z.enum(['aliexpress', 'cj']);

export const DropshipSchema = z
  .object({
    supplier: SupplierSchema,
    productUrl: z.url({ protocol: /^https$/, message: 'must be an https URL' }).max(2000),
    supplierCost: MoneySchema,
    variant: z.string().trim().max(200).optional(),
  })
  .refine((d) => SUPPLIER_HOSTS[d.supplier].test(new URL(d.productUrl).hostname), {
    message: 'productUrl must be a page on the supplier’s own site (aliexpress.com or cjdropshipping.com)',
    path: ['productUrl'],
  });

export const LineItemSchema = z.object({
  sku: text(100),
  title: text(300),
  quantity: z.number().int().min(1).max(1000),
  unitPrice: MoneySchema,
  dropship: DropshipSchema.optional(),
});

/**
 * The most an order's sale or supplier-cost total may come to, in minor units: the read model keeps amounts as
 * 32-bit integers. Each line is within its own limits, but 100 lines of 1,000 at the top price are not.
 */
export const MAX_ORDER_TOTAL = 2_147_483_647;

type LineItem = z.infer<typeof LineItemSchema>;

export const CreateOrderSchema = z
  .strictObject({
    externalId: text(200),
    vendorId: text(100),
    customer: z.object({ name: text(200), email: z.email().max(320) }),
    shippingAddress: AddressSchema,
    items: z.array(LineItemSchema).min(1).max(100),
  })
  .superRefine((order, context) => {
    const totals: [string, (item: LineItem) => number][] = [
      ['sale total', (item) => item.unitPrice.amount],
      ['supplier-cost total', (item) => item.dropship?.supplierCost.amount ?? 0],
    ];
    for (const [name, amountOf] of totals) {
      const total = order.items.reduce((sum, item) => sum + amountOf(item) * item.quantity, 0);
      if (total > MAX_ORDER_TOTAL) {
        context.addIssue({
          code: 'custom',
          path: ['items'],
          message: `the order's ${name} is ${total} minor units, more than the ${MAX_ORDER_TOTAL} one order can hold`,
        });
      }
    }
  });
export type CreateOrderBody = z.infer<typeof CreateOrderSchema>;

export const CreateVendorSchema = z.strictObject({
  name: text(200),
  email: z.email().max(320),
  currency: CurrencySchema.optional(),
});

export const UpdateVendorSchema = z
  .strictObject({ name: text(200).optional(), email: z.email().max(320).optional() })
  .refine((changes) => changes.name !== undefined || changes.email !== undefined, {
    message: 'send name, email or both',
  });

/** The ship-to typed at the supplier checkout: any country spelling, since the address guard folds it. */
export const ShipToSchema = AddressSchema.extend({ country: text(60) });

export const SupplierOrderSchema = z.strictObject({
  supplier: SupplierSchema,
  supplierOrderId: text(100),
  amountPaid: MoneySchema,
  shipTo: ShipToSchema,
});

export const TrackingSchema = z.strictObject({
  trackingNumber: text(60),
  carrier: z.number().int().positive().max(9_999_999).optional(),
});

export const ShippingAddressChangeSchema = z.strictObject({ shippingAddress: AddressSchema });
export const CustomerEmailChangeSchema = z.strictObject({ email: z.email().max(320) });

export const EmptySchema = z.strictObject({});
export const ReasonSchema = z.strictObject({ reason: text(500) });
export const ResolveDisputeSchema = z.strictObject({ outcome: z.enum(['vendor', 'customer']) });

/** How a list is paged: `cursor` from the previous page's `nextCursor`, `limit` rows at a time. */
const PAGE_QUERY = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
};

export const ListOrdersQuerySchema = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  dropship: z.enum(['true', 'false']).optional(),
  /** Orders the workflow marked past their supplier-order target; with status=AWAITING_SUPPLIER_ORDER, the overdue. */
  slaBreached: z.enum(['true', 'false']).optional(),
  /** Orders with a dispute open: DELIVERED ones hold the vendor's earnings, SHIPPED ones are said never to have arrived. */
  disputeOpen: z.enum(['true', 'false']).optional(),
  vendorId: text(100).optional(),
  /** The storefront's own order number: how it finds the order it created without keeping our id. */
  externalId: text(200).optional(),
  /** The supplier's order number, as the supplier quotes it when it writes about a delay or a cancellation. */
  supplierOrderId: text(100).optional(),
  /** The parcel's tracking number, as the customer or the carrier quotes it (any case, spaces and dashes ignored). */
  trackingNumber: text(60).optional(),
  /**
   * Orders with a dropship line from this supplier, or whose supplier order was placed there: ops' view of one
   * supplier's orders (a delay at CJ, say).
   */
  supplier: SupplierSchema.optional(),
  /** Orders created before this instant: ops' "older than", e.g. still SUPPLIER_ORDERED after a week. */
  createdBefore: z.iso.datetime({ offset: true }).optional(),
  /** Orders created at or after this instant. */
  createdAfter: z.iso.datetime({ offset: true }).optional(),
  ...PAGE_QUERY,
});

/** The order counts: the platform's may name one vendor. */
export const OrderCountsQuerySchema = z.strictObject({ vendorId: text(100).optional() });

export const ListVendorsQuerySchema = z.strictObject({
  /** Whose token to replace when a vendor writes in: its sign-up address, matched whatever its case. */
  email: text(320).optional(),
  ...PAGE_QUERY,
});

/** A vendor's earnings: the balances, and the ledger's entries a page at a time, newest first. */
export const EarningsQuerySchema = z.strictObject({ ...PAGE_QUERY });

/** A payout the marketplace made: its own id for it (so a retry records it once), what it paid, and a note. */
export const RecordPayoutSchema = z.strictObject({
  externalId: text(200),
  amount: MoneySchema.extend({ amount: MoneySchema.shape.amount.min(1, 'a payout pays at least one minor unit') }),
  reference: z.string().trim().max(200).optional(),
});

/** A vendor's payouts, newest first. */
export const PayoutsQuerySchema = z.strictObject({ ...PAGE_QUERY });

/** Vendors' available balances: what the marketplace owes each (its payout run), or each owes it; in one currency. */
export const VendorBalancesQuerySchema = z.strictObject({ currency: CurrencySchema.optional(), ...PAGE_QUERY });

/** How the change feed is read: `cursor` from the previous read's `nextCursor` (none: from the first event). */
export const ChangeFeedQuerySchema = z.strictObject({ ...PAGE_QUERY });

export const OrderIdSchema = z.string().regex(/^ord_[a-z0-9]{1,40}$/, 'is not an order id');

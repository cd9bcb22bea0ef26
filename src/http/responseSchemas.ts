// What the API answers, as zod schemas for the OpenAPI document (the routes build these bodies in src/orders and
// src/vendors; the schemas describe them for clients, they do not check them).
import { z } from 'zod';
import { OPEN_STATUSES, ORDER_STATUSES } from '../domain/orderStatus';
import { ATTENTION_REASONS } from '../orders/orderAttention';
import { EMAIL_DELIVERIES, EMAIL_READERS } from '../orders/orderEmailDeliveries';
import { AddressSchema, MoneySchema } from './schemas';

/** Money as the API answers it: a ledger movement is signed, so unlike a request's amount it may be negative. */
const SignedMoneySchema = z.object({ amount: z.number().int(), currency: z.string() });

/** A list's cursor to its next page, as the order and vendor lists give it. */
const NextPageSchema = z.string().nullable().describe('The next page: read again with it; null on the last page');

export const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});

export const OrderSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  vendorId: z.string(),
  status: z.enum(ORDER_STATUSES),
  dropship: z.boolean(),
  slaBreached: z.boolean(),
  needsAttention: z
    .enum(ATTENTION_REASONS)
    .nullable()
    .describe('Why the order needs its vendor now, if it does: what the dashboard flags in red'),
  disputeOpen: z.boolean(),
  cancelReason: z.string().nullable().describe('Why it was cancelled, as the canceller gave it; null otherwise'),
  customer: z.object({ name: z.string(), email: z.string() }),
  shippingAddress: AddressSchema,
  items: z.array(
    z.object({
      sku: z.string(),
      title: z.string(),
      quantity: z.number(),
      unitPrice: MoneySchema,
      dropship: z.unknown().optional(),
    }),
  ),
  total: MoneySchema,
  supplierOrder: z.unknown().nullable(),
  tracking: z
    .object({
      number: z.string(),
      carrier: z.number().nullable(),
      carrierStatus: z.string().nullable(),
      subStatus: z.string().nullable(),
      lastEventAt: z.string().nullable(),
      url: z.string(),
    })
    .nullable(),
  earnings: z
    .object({ amount: z.number(), currency: z.string(), status: z.enum(['pending', 'available', 'reversed']) })
    .nullable(),
  events: z.array(z.object({ at: z.string(), type: z.string(), actor: z.string(), data: z.unknown() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ChangeFeedSchema = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      cursor: z.string().describe('Where to start reading after this event'),
      orderId: z.string(),
      externalId: z.string(),
      vendorId: z.string(),
      seq: z.number().describe("The event's number within its order, from 0 (order.created)"),
      type: z.string(),
      actor: z.string(),
      status: z.enum(ORDER_STATUSES).nullable().describe('The order status once the event applied'),
      at: z.string(),
      data: z.unknown(),
    }),
  ),
  nextCursor: z.string().describe('Always given: the next read starts here'),
  hasMore: z.boolean().describe('More events are ready now: read again at once'),
});

export const OrderEmailsSchema = z.object({
  emails: z.array(
    z.object({
      kind: z.string().describe('Which email: customer-shipped, vendor-new-order, …'),
      reader: z.enum(EMAIL_READERS),
      to: z.string(),
      subject: z.string(),
      delivery: z
        .enum(EMAIL_DELIVERIES)
        .describe(
          'sent; sending (now, or within a minute); waiting (the mail server failed it, or it waits behind one that was: it goes ' +
            'out by itself once the server is back); refused (for good by the mail server, see detail); outdated ' +
            '(held by an outage until the order had moved past it, and not sent)',
        ),
      askedAt: z.string().describe('When the order asked for it'),
      sentAt: z.string().nullable(),
      detail: z.string().nullable().describe('Why it waits, the mail server’s refusal, or why it was not sent'),
    }),
  ),
});

export const EarningsSchema = z.object({
  vendorId: z.string(),
  pending: MoneySchema.describe('Delivered orders in their holding period, in the vendor’s settlement currency'),
  available: MoneySchema.describe(
    'Released after the holding period and not yet paid out: what the marketplace still owes the vendor',
  ),
  reversed: MoneySchema.describe(
    'Earnings taken back: pending ones by disputes resolved for the customer, released ones by chargebacks',
  ),
  paidOut: MoneySchema.describe('Paid to the vendor in the payouts the marketplace recorded'),
  byCurrency: z.array(
    z.object({
      currency: z.string(),
      pending: z.number(),
      available: z.number(),
      reversed: z.number(),
      paidOut: z.number(),
    }),
  ),
  entries: z.array(
    z.object({
      id: z.string(),
      orderId: z.string().nullable().describe('The order whose earnings moved; null on a payout’s entries'),
      externalId: z.string().nullable().describe('The storefront’s order number; null on a payout’s entries'),
      payout: z
        .object({ id: z.string(), externalId: z.string(), reference: z.string().nullable() })
        .nullable()
        .describe('The payout that moved them; null on an order’s entries'),
      bucket: z.enum(['pending', 'available', 'reversed', 'paid_out']),
      amount: SignedMoneySchema.describe(
        'Signed: a release is −X pending and +X available; a payout −X available and +X paid out',
      ),
      reason: z.enum(['accrue', 'release', 'reverse', 'chargeback', 'payout', 'payout_returned']),
      description: z.string(),
      at: z.string(),
    }),
  ),
  nextCursor: z.string().nullable().describe('Older entries: read again with it; null on the last page'),
});

export const PayoutSchema = z.object({
  id: z.string(),
  vendorId: z.string(),
  externalId: z.string().describe('The marketplace’s own id for the payout'),
  amount: MoneySchema,
  reference: z.string().nullable().describe('What the marketplace said about it, such as a transfer reference'),
  createdAt: z.string(),
  returned: z
    .object({ at: z.string(), reason: z.string().nullable() })
    .nullable()
    .describe('Set once the marketplace recorded the transfer as come back: its amount is available again'),
});

export const PayoutResponseSchema = z.object({ payout: PayoutSchema });

export const PayoutListSchema = z.object({
  payouts: z.array(PayoutSchema),
  nextCursor: NextPageSchema,
});

/** Who a vendor balance belongs to, with what a payout run or a collection needs to reach it. */
const BalanceVendorSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const PayoutsDueSchema = z.object({
  due: z.array(
    z.object({
      vendor: BalanceVendorSchema,
      available: MoneySchema.describe('Released and not yet paid out, in this currency'),
    }),
  ),
  nextCursor: NextPageSchema,
});

export const VendorsOwingSchema = z.object({
  owing: z.array(
    z.object({
      vendor: BalanceVendorSchema,
      owes: MoneySchema.describe('How far below zero its available balance is, in this currency'),
    }),
  ),
  nextCursor: NextPageSchema,
});

/** An order as lists show it: everything but the timeline, which only the order itself carries. */
export const OrderListSchema = z.object({
  orders: z.array(OrderSchema.omit({ events: true })),
  nextCursor: NextPageSchema,
});

export const VendorSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  currency: z.string().describe('The settlement currency its earnings are summed in'),
  createdAt: z.string(),
});

export const VendorListSchema = z.object({
  vendors: z.array(VendorSchema),
  nextCursor: NextPageSchema,
});

/** A vendor with its bearer token: shown when it is made and when it is replaced, never stored. */
export const VendorWithTokenSchema = z.object({
  vendor: VendorSchema,
  token: z.string().nullable().describe('null in a replay under the same Idempotency-Key'),
});

export const OrderCountsSchema = z.object({
  open: z
    .object(Object.fromEntries(OPEN_STATUSES.map((status) => [status, z.number()])))
    .describe('Orders per open status, every open status given'),
  overdue: z.number().describe('Orders still awaiting the supplier purchase past their first reminder'),
});

// A vendor's earnings (PRODUCT §3): the balances summed from the ledger, and the ledger itself a page at a time,
// for the vendor and for the marketplace that pays it out (and records its payouts: ./vendorPayouts.ts).
import { NEWEST_FIRST, decodePageCursor, pageOf, rowsAfter } from '../db/pageCursor';
import type { PrismaClient } from '../db/prismaClient';
import type { Money } from '../domain/money';
import { vendorNotFound } from './vendors';

/** An earnings entry's id as a cursor may carry one (the ledger's ids are UUIDs). */
const ENTRY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What each movement of the ledger means to whoever reads it. */
const ENTRY_REASONS: Record<string, string> = {
  accrue: 'Delivered: pending for the holding period',
  release: 'Holding period over: available for payout',
  reverse: 'Dispute resolved for the customer: reversed',
  chargeback: 'Charged back after release: taken back',
  payout: 'Paid out by the marketplace',
  payout_returned: 'Payout came back: available again',
};

/**
 * The vendor's earnings per bucket from the ledger, in its settlement currency, plus every currency seen, and the
 * ledger's entries newest first, `limit` at a time, each naming its order by the storefront's `externalId` too, so
 * a payout can be reconciled line by line, or the payout that moved it. 404 `VENDOR_NOT_FOUND` for no such vendor.
 */
export async function vendorEarnings(
  prisma: PrismaClient,
  vendorId: string,
  query: { cursor?: string | undefined; limit: number },
) {
  const after = decodePageCursor(query.cursor, (id) => ENTRY_ID.test(id));
  const vendor = await prisma.vendor.findUnique({ where: { id: vendorId } });
  if (!vendor) throw vendorNotFound(vendorId);
  const [sums, rows] = await Promise.all([
    prisma.earningsEntry.groupBy({ by: ['currency', 'bucket'], where: { vendorId }, _sum: { amount: true } }),
    prisma.earningsEntry.findMany({
      where: { vendorId, ...(after && rowsAfter(after)) },
      orderBy: NEWEST_FIRST,
      take: query.limit + 1,
      include: {
        order: { select: { externalId: true } },
        payout: { select: { externalId: true, reference: true } },
      },
    }),
  ]);
  const currencies = [...new Set([vendor.currency, ...sums.map((s) => s.currency)])];
  const total = (currency: string, bucket: string): Money => ({
    amount: sums.find((s) => s.currency === currency && s.bucket === bucket)?._sum.amount ?? 0,
    currency,
  });
  const { page, nextCursor } = pageOf(rows, query.limit);
  return {
    vendorId,
    pending: total(vendor.currency, 'PENDING'),
    available: total(vendor.currency, 'AVAILABLE'),
    reversed: total(vendor.currency, 'REVERSED'),
    paidOut: total(vendor.currency, 'PAID_OUT'),
    byCurrency: currencies.map((currency) => ({
      currency,
      pending: total(currency, 'PENDING').amount,
      available: total(currency, 'AVAILABLE').amount,
      reversed: total(currency, 'REVERSED').amount,
      paidOut: total(currency, 'PAID_OUT').amount,
    })),
    entries: page.map((e) => ({
      id: e.id,
      orderId: e.orderId,
      externalId: e.order?.externalId ?? null,
      payout: e.payout && { id: e.payoutId, externalId: e.payout.externalId, reference: e.payout.reference },
      bucket: e.bucket.toLowerCase(),
      amount: { amount: e.amount, currency: e.currency },
      reason: e.reason,
      description: ENTRY_REASONS[e.reason] ?? e.reason,
      at: e.createdAt.toISOString(),
    })),
    nextCursor,
  };
}

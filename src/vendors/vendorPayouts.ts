// Payouts: the marketplace records what it paid a vendor out of its available earnings. PRODUCT §3 stops at
// "available for payout", so without this `available` only ever grew, and neither the vendor nor the marketplace
// could read from the service what is still owed. A payout is a ledger movement like a release: −X available and
// +X paid out, so the balances stay sums of the ledger and nothing is edited in place. A payout that comes back (a
// bounced bank transfer) is the opposite movement, once. The vendor is emailed each.
import { randomUUID } from 'node:crypto';
import { NEWEST_FIRST, decodePageCursor, pageOf, rowsAfter } from '../db/pageCursor';
import type { PrismaClient, PrismaTransaction } from '../db/prismaClient';
import { formatMoney } from '../domain/formatMoney';
import type { Money } from '../domain/money';
import { HttpError } from '../http/httpError';
import { outboxMessageId } from '../mail/outboxKeys';
import {
  PAYOUT_EMAIL_KIND,
  PAYOUT_RETURNED_EMAIL_KIND,
  type PayoutEmailKind,
  type PayoutEmailRequest,
  payoutEmailEnvelope,
  payoutEmailKey,
} from '../mail/payoutEmail';
import { vendorNotFound } from './vendors';

export interface PayoutInput {
  /** The marketplace's own id for the payout. */
  externalId: string;
  amount: Money;
  reference?: string | undefined;
}

type PayoutRow = {
  id: string;
  vendorId: string;
  externalId: string;
  amount: number;
  currency: string;
  reference: string | null;
  createdAt: Date;
  returnedAt: Date | null;
  returnReason: string | null;
};

/** A payout id as the API gives them out: a cursor or a path with anything else names no payout. */
const PAYOUT_ID = /^pay_[0-9a-f]{32}$/;

/** The payout as the API shows it. */
export function visiblePayout(row: PayoutRow) {
  return {
    id: row.id,
    vendorId: row.vendorId,
    externalId: row.externalId,
    amount: { amount: row.amount, currency: row.currency },
    reference: row.reference,
    createdAt: row.createdAt.toISOString(),
    returned: row.returnedAt && { at: row.returnedAt.toISOString(), reason: row.returnReason },
  };
}

function payoutNotFound(payoutId: string): HttpError {
  return new HttpError(404, 'PAYOUT_NOT_FOUND', `Payout ${payoutId.slice(0, 60)} not found for this vendor`, {
    payoutId,
  });
}

/** The locked vendor, its payouts one at a time from here to the commit; 404 `VENDOR_NOT_FOUND` for none. */
async function lockVendor(tx: PrismaTransaction, vendorId: string): Promise<{ name: string; email: string }> {
  const [vendor] = await tx.$queryRaw<{ name: string; email: string }[]>`
    SELECT "name", "email" FROM "Vendor" WHERE "id" = ${vendorId} FOR UPDATE`;
  if (!vendor) throw vendorNotFound(vendorId);
  return vendor;
}

/** The two ledger entries of a payout's `movement`: `signed` into available, its opposite into paid out. */
function payoutMovement(payout: PayoutRow, movement: 'payout' | 'payout_returned', signed: number, at: Date) {
  const entry = (bucket: 'AVAILABLE' | 'PAID_OUT', amount: number) => ({
    key: `${payout.id}:${movement}:${bucket}`, // as an order's: `<id>:<movement>:<bucket>` (activities/earningsLedger.ts)
    vendorId: payout.vendorId,
    payoutId: payout.id,
    bucket,
    amount,
    currency: payout.currency,
    reason: movement,
    createdAt: at,
  });
  return [entry('AVAILABLE', signed), entry('PAID_OUT', -signed)];
}

/**
 * Queues the vendor's email of `kind` about `payout` in the transaction that changed it, for the outbox relay to
 * send: a payout recorded or returned is one email, even if this process dies the moment it commits, and an SMTP
 * server that is down delays no payout.
 */
async function queuePayoutEmail(
  tx: PrismaTransaction,
  kind: PayoutEmailKind,
  vendor: { name: string; email: string },
  payout: PayoutRow,
): Promise<void> {
  const key = payoutEmailKey(payout.id, kind);
  await tx.emailOutbox.create({
    data: {
      key,
      kind,
      ...payoutEmailEnvelope(kind, { vendor, payout: visiblePayout(payout) }),
      messageId: outboxMessageId(key),
      request: { payoutId: payout.id } satisfies PayoutEmailRequest,
    },
  });
}

/** Whether a payout already recorded is the one `input` describes again (a retry), not another under its id. */
function samePayout(row: PayoutRow, input: PayoutInput): boolean {
  return (
    row.amount === input.amount.amount &&
    row.currency === input.amount.currency &&
    (row.reference ?? undefined) === (input.reference || undefined)
  );
}

/**
 * Records a payout of `input.amount` to `vendorId` from its available earnings in that currency. The same
 * `externalId` again with the same payout changes nothing and returns it (`created: false`), so the marketplace can
 * retry after a timeout; with a different amount or reference it is 409 `PAYOUT_CONFLICT`. More than is available is
 * 409 `INSUFFICIENT_AVAILABLE`, and records nothing.
 */
export async function recordPayout(prisma: PrismaClient, vendorId: string, input: PayoutInput) {
  const { amount, currency } = input.amount;
  return prisma.$transaction(async (tx) => {
    // One payout of a vendor at a time: the balance read below then counts every payout before this one, where two
    // concurrent payouts could each see the whole balance and together pay out more than it.
    const vendor = await lockVendor(tx, vendorId);
    const existing = await tx.payout.findUnique({
      where: { vendorId_externalId: { vendorId, externalId: input.externalId } },
    });
    if (existing) {
      if (samePayout(existing, input)) return { created: false, payout: visiblePayout(existing) };
      throw new HttpError(
        409,
        'PAYOUT_CONFLICT',
        `Payout ${input.externalId.slice(0, 60)} was recorded with a different amount or reference`,
        { payout: visiblePayout(existing) },
      );
    }
    const balance = await tx.earningsEntry.aggregate({
      where: { vendorId, currency, bucket: 'AVAILABLE' },
      _sum: { amount: true },
    });
    const available = { amount: balance._sum.amount ?? 0, currency };
    if (amount > available.amount) {
      throw new HttpError(
        409,
        'INSUFFICIENT_AVAILABLE',
        `The vendor has ${formatMoney(available)} available; a payout of ${formatMoney(input.amount)} is more than that`,
        { available, requested: input.amount },
      );
    }
    const payout = await tx.payout.create({
      data: {
        id: `pay_${randomUUID().replace(/-/g, '')}`,
        vendorId,
        externalId: input.externalId,
        amount,
        currency,
        reference: input.reference || null,
      },
    });
    await tx.earningsEntry.createMany({ data: payoutMovement(payout, 'payout', -amount, payout.createdAt) });
    await queuePayoutEmail(tx, PAYOUT_EMAIL_KIND, vendor, payout);
    return { created: true, payout: visiblePayout(payout) };
  });
}

/**
 * Records that payout `payoutId` of `vendorId` came back to the marketplace (the vendor's bank refused the transfer:
 * a closed account, a wrong IBAN): its amount moves from paid out back to available, where the next payout run finds
 * it, and the vendor is emailed to check its payout details. Once per payout: a retry, with whatever reason, returns
 * the payout as first returned and moves nothing. 404 `PAYOUT_NOT_FOUND` for a payout the vendor does not have.
 */
export async function returnPayout(prisma: PrismaClient, vendorId: string, payoutId: string, reason: string) {
  return prisma.$transaction(async (tx) => {
    // Under the vendor's lock, as its payouts are: of two returns sent at once, the second finds the first's.
    const vendor = await lockVendor(tx, vendorId);
    const payout = PAYOUT_ID.test(payoutId) ? await tx.payout.findFirst({ where: { id: payoutId, vendorId } }) : null;
    if (!payout) throw payoutNotFound(payoutId);
    if (payout.returnedAt) return visiblePayout(payout);
    const returnedAt = new Date();
    const returned = await tx.payout.update({ where: { id: payout.id }, data: { returnedAt, returnReason: reason } });
    await tx.earningsEntry.createMany({
      data: payoutMovement(returned, 'payout_returned', returned.amount, returnedAt),
    });
    await queuePayoutEmail(tx, PAYOUT_RETURNED_EMAIL_KIND, vendor, returned);
    return visiblePayout(returned);
  });
}

/** The vendor's payouts, newest first, `limit` at a time. 404 `VENDOR_NOT_FOUND` for no such vendor. */
export async function listPayouts(
  prisma: PrismaClient,
  vendorId: string,
  query: { cursor?: string | undefined; limit: number },
) {
  const after = decodePageCursor(query.cursor, (id) => PAYOUT_ID.test(id));
  const vendor = await prisma.vendor.findUnique({ where: { id: vendorId }, select: { id: true } });
  if (!vendor) throw vendorNotFound(vendorId);
  const rows = await prisma.payout.findMany({
    where: { vendorId, ...(after && rowsAfter(after)) },
    orderBy: NEWEST_FIRST,
    take: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit);
  return { payouts: page.map(visiblePayout), nextCursor };
}

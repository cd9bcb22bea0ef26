// Payouts: the marketplace records what it paid a vendor out of its available earnings. PRODUCT §3 stops at
// "available for payout", so without this `available` only ever grew, and neither the vendor nor the marketplace
// could read from the service what is still owed. A payout is a ledger movement like a release: −X available and
// +X paid out, so the balances stay sums of the ledger and nothing is edited in place. The vendor is emailed.
import { randomUUID } from 'node:crypto';
import { NEWEST_FIRST, decodePageCursor, pageOf, rowsAfter } from '../db/pageCursor';
import type { PrismaClient } from '../db/prismaClient';
import { formatMoney } from '../domain/formatMoney';
import type { Money } from '../domain/money';
import { HttpError } from '../http/httpError';
import { outboxMessageId } from '../mail/outboxKeys';
import { PAYOUT_EMAIL_KIND, type PayoutEmailRequest, payoutEmailEnvelope, payoutEmailKey } from '../mail/payoutEmail';
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
};

/** A payout id as a cursor may carry one. */
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
  };
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
    const [vendor] = await tx.$queryRaw<{ name: string; email: string }[]>`
      SELECT "name", "email" FROM "Vendor" WHERE "id" = ${vendorId} FOR UPDATE`;
    if (!vendor) throw vendorNotFound(vendorId);
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
    const movement = (bucket: 'AVAILABLE' | 'PAID_OUT', signed: number) => ({
      key: `${payout.id}:payout:${bucket}`, // as an order's: `<id>:<movement>:<bucket>` (activities/earningsLedger.ts)
      vendorId,
      payoutId: payout.id,
      bucket,
      amount: signed,
      currency,
      reason: 'payout',
      createdAt: payout.createdAt,
    });
    await tx.earningsEntry.createMany({ data: [movement('AVAILABLE', -amount), movement('PAID_OUT', amount)] });
    // The vendor's email goes in the same transaction, for the outbox relay to send: a payout recorded is one
    // email, even if this process dies the moment it commits, and an SMTP server that is down delays no payout.
    const key = payoutEmailKey(payout.id);
    const envelope = payoutEmailEnvelope({ vendor, payout: visiblePayout(payout) });
    await tx.emailOutbox.create({
      data: {
        key,
        kind: PAYOUT_EMAIL_KIND,
        ...envelope,
        messageId: outboxMessageId(key),
        request: { payoutId: payout.id } satisfies PayoutEmailRequest,
      },
    });
    return { created: true, payout: visiblePayout(payout) };
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

// Vendors: created by the platform, each with a bearer token that is shown once and stored hashed.
import { randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/prismaClient';
import type { Money } from '../domain/money';
import { hashToken } from '../http/auth';

/** Creates a vendor and returns it with its token (the only time the token is visible). */
export async function createVendor(
  prisma: PrismaClient,
  input: { name: string; email: string; currency?: string | undefined },
) {
  const token = `dfv_${randomBytes(24).toString('base64url')}`;
  const vendor = await prisma.vendor.create({
    data: {
      id: `ven_${randomUUID().replace(/-/g, '')}`,
      name: input.name,
      email: input.email,
      currency: input.currency ?? 'USD',
      tokenHash: hashToken(token),
    },
  });
  const { tokenHash: _hash, ...visible } = vendor;
  return { vendor: { ...visible, createdAt: vendor.createdAt.toISOString() }, token };
}

/** The vendor's earnings per bucket from the ledger, in its settlement currency, plus every currency seen. */
export async function vendorEarnings(prisma: PrismaClient, vendorId: string) {
  const vendor = await prisma.vendor.findUniqueOrThrow({ where: { id: vendorId } });
  const sums = await prisma.earningsEntry.groupBy({
    by: ['currency', 'bucket'],
    where: { vendorId },
    _sum: { amount: true },
  });
  const currencies = [...new Set([vendor.currency, ...sums.map((s) => s.currency)])];
  const total = (currency: string, bucket: string): Money => ({
    amount: sums.find((s) => s.currency === currency && s.bucket === bucket)?._sum.amount ?? 0,
    currency,
  });
  const entries = await prisma.earningsEntry.findMany({
    where: { vendorId },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  return {
    pending: total(vendor.currency, 'PENDING'),
    available: total(vendor.currency, 'AVAILABLE'),
    reversed: total(vendor.currency, 'REVERSED'),
    byCurrency: currencies.map((currency) => ({
      currency,
      pending: total(currency, 'PENDING').amount,
      available: total(currency, 'AVAILABLE').amount,
      reversed: total(currency, 'REVERSED').amount,
    })),
    entries: entries.map((e) => ({
      orderId: e.orderId,
      bucket: e.bucket.toLowerCase(),
      amount: { amount: e.amount, currency: e.currency },
      reason: e.reason,
      at: e.createdAt.toISOString(),
    })),
  };
}

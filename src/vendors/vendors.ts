// Vendors: created by the platform, each with a bearer token that is shown once and stored hashed.
import { randomBytes, randomUUID } from 'node:crypto';
import { NEWEST_FIRST, decodePageCursor, pageOf, rowsAfter } from '../db/pageCursor';
import type { PrismaClient } from '../db/prismaClient';
import { hashToken } from '../http/auth';
import { HttpError } from '../http/httpError';

type VendorRow = { id: string; name: string; email: string; currency: string; createdAt: Date; tokenHash: string };

/** A new bearer token; only its hash is stored. */
function newToken(): string {
  return `dfv_${randomBytes(24).toString('base64url')}`;
}

/** The vendor as the API shows it: everything but the token's hash. */
function visibleVendor({ tokenHash: _hash, ...vendor }: VendorRow) {
  return { ...vendor, createdAt: vendor.createdAt.toISOString() };
}

/** 404 `VENDOR_NOT_FOUND`: no such vendor, or, to a vendor, another vendor (as for orders, not 403). */
export function vendorNotFound(vendorId: string): HttpError {
  return new HttpError(404, 'VENDOR_NOT_FOUND', `No vendor ${vendorId.slice(0, 60)}`);
}

/** Creates a vendor and returns it with its token (the only time the token is visible). */
export async function createVendor(
  prisma: PrismaClient,
  input: { name: string; email: string; currency?: string | undefined },
) {
  const token = newToken();
  const vendor = await prisma.vendor.create({
    data: {
      id: `ven_${randomUUID().replace(/-/g, '')}`,
      name: input.name,
      email: input.email,
      currency: input.currency ?? 'USD',
      tokenHash: hashToken(token),
    },
  });
  return { vendor: visibleVendor(vendor), token };
}

/** A vendor id as a cursor may carry one: the shape, not today's exact length (imported vendors may differ). */
const VENDOR_ID = /^ven_[\w-]{1,96}$/;

/**
 * Vendors, newest first, `limit` at a time, for ops: one of them by its email when a vendor asks for a new token
 * (ops know the address, not the id).
 */
export async function listVendors(
  prisma: PrismaClient,
  query: { email?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const after = decodePageCursor(query.cursor, (id) => VENDOR_ID.test(id));
  const rows = await prisma.vendor.findMany({
    where: {
      ...(query.email && { email: { equals: query.email, mode: 'insensitive' as const } }),
      ...(after && rowsAfter(after)),
    },
    orderBy: NEWEST_FIRST,
    take: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit);
  return { vendors: page.map(visibleVendor), nextCursor };
}

/** One vendor; 404 `VENDOR_NOT_FOUND` when there is none. */
export async function getVendor(prisma: PrismaClient, vendorId: string) {
  const vendor = await prisma.vendor.findUnique({ where: { id: vendorId } });
  if (!vendor) throw vendorNotFound(vendorId);
  return { vendor: visibleVendor(vendor) };
}

/**
 * Changes a vendor's name or email. The emails of its running orders read the vendor when they are sent, so a new
 * address gets every email from now on: a vendor that moved mailboxes misses no new order.
 */
export async function updateVendor(
  prisma: PrismaClient,
  vendorId: string,
  changes: { name?: string | undefined; email?: string | undefined },
) {
  const [vendor] = await prisma.vendor.updateManyAndReturn({
    where: { id: vendorId },
    data: {
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.email !== undefined && { email: changes.email }),
    },
  });
  if (!vendor) throw vendorNotFound(vendorId);
  return { vendor: visibleVendor(vendor) };
}

/**
 * Gives the vendor a new token and returns it (the only time it is visible). The old token stops working with
 * this write: every request looks its token up, nothing caches it. For a token that leaked, or one the vendor lost.
 */
export async function replaceVendorToken(prisma: PrismaClient, vendorId: string) {
  const token = newToken();
  const replaced = await prisma.vendor.updateManyAndReturn({
    where: { id: vendorId },
    data: { tokenHash: hashToken(token) },
  });
  const [vendor] = replaced;
  if (!vendor) throw vendorNotFound(vendorId);
  return { vendor: visibleVendor(vendor), token };
}

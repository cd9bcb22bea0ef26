// The Prisma client on the pg driver adapter (no native query engine: see ENVIRONMENT.md and the README).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { type Prisma, PrismaClient } from './generated/client';

export type { PrismaClient } from './generated/client';
/** The client an interactive transaction (`prisma.$transaction(async (tx) => …)`) hands its callback. */
export type PrismaTransaction = Prisma.TransactionClient;

/** A Prisma client on `pool`, which the caller also uses for hand-written SQL and ends itself (src/db/database.ts). */
export function createPrismaClient(pool: pg.Pool): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

/**
 * The PostgreSQL error code behind an error: pg's own, or Prisma's P2002/P2003 from the query builder and a raw
 * query's P2010.
 */
function postgresCode(error: unknown): string | undefined {
  if (error instanceof pg.DatabaseError) return error.code;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, meta } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
  };
  if (code === 'P2002') return '23505';
  if (code === 'P2003') return '23503';
  const original = meta?.driverAdapterError?.cause?.originalCode;
  return code === 'P2010' && typeof original === 'string' ? original : undefined;
}

/** Whether `error` is a unique-constraint violation, from a Prisma query or hand-written SQL. */
export function isUniqueViolation(error: unknown): boolean {
  return postgresCode(error) === '23505';
}

/** Whether `error` is a foreign-key violation, e.g. an order for a vendor that does not exist. */
export function isForeignKeyViolation(error: unknown): boolean {
  return postgresCode(error) === '23503';
}

// The Prisma client on the pg driver adapter (no native query engine: see ENVIRONMENT.md and the README).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type { PrismaClient } from './generated/client';

/** A Prisma client for `databaseUrl`. Call `$disconnect()` when done. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  // Fail fast while the database is down (the API answers 503) instead of queueing requests forever.
  const adapter = new PrismaPg({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000, max: 10 });
  return new PrismaClient({ adapter });
}

/** Whether `error` is Prisma's unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Whether `error` is Prisma's foreign-key violation (P2003), e.g. an order for a vendor that does not exist. */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2003';
}

// A process's database: one pg pool, with Prisma on top of it for the ORM queries and the hand-written SQL of
// the hot paths (src/db/sql) straight on the pool.
import type pg from 'pg';
import { createPgPool } from './pgPool';
import { type PrismaClient, createPrismaClient } from './prismaClient';

export interface Database {
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/**
 * How long the API waits for one query: its queries take milliseconds, so past this the database is treated as
 * down (503), as it is after 5 s without a connection. A hung server or a lock held elsewhere (a migration)
 * would otherwise hold the request for ever.
 */
export const API_QUERY_TIMEOUT_MS = 5_000;

/**
 * How long the worker waits for one query. Its queries take milliseconds too (the batch reads of the schedules
 * included), but an activity's own timeout does not stop a query it started: without this, a statement stuck
 * behind a lock would write after the retry began, and a connection that stops answering (a dropped network)
 * would keep one of the pool's ten for as long as the worker runs. Below the shortest start-to-close of an
 * activity that queries (20 s, the carrier call), so a stuck statement fails its own attempt.
 */
export const WORKER_QUERY_TIMEOUT_MS = 15_000;

export interface DatabaseOptions {
  /** Hears of idle connections the server closed. */
  onIdleError?: ((error: Error) => void) | undefined;
  queryTimeoutMillis?: number | undefined;
}

/** Opens the pool and the Prisma client on it. */
export function openDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  // Fail fast while the database is down (the API answers 503) instead of queueing requests forever.
  const pool = createPgPool(databaseUrl, { max: 10, connectionTimeoutMillis: 5_000, ...options });
  const prisma = createPrismaClient(pool);
  return {
    pool,
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

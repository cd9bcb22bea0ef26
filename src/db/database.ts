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

/** Opens the pool and the Prisma client on it; `onIdleError` hears of idle connections the server closed. */
export function openDatabase(databaseUrl: string, onIdleError?: (error: Error) => void): Database {
  // Fail fast while the database is down (the API answers 503) instead of queueing requests forever.
  const pool = createPgPool(databaseUrl, { max: 10, connectionTimeoutMillis: 5_000, onIdleError });
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

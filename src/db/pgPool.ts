// Plain pg pools. The main one carries Prisma (through its driver adapter) and the hand-written SQL of the hot
// paths (src/db/sql), which skips Prisma's per-query work (about 0.4 ms a query); the outbox has its own.
import pg from 'pg';

/**
 * A `timestamp(3)` value as text (`2026-11-25 10:00:00.123`, or with a `T` as JSON has it): the columns hold UTC
 * without a zone, as Prisma writes them, and pg alone would read local time.
 */
export const utcTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const TIMESTAMP_WITHOUT_ZONE = 1114;
function getTypeParser(oid: number, format?: 'text' | 'binary'): unknown {
  if (oid === TIMESTAMP_WITHOUT_ZONE && format !== 'binary') return utcTimestamp;
  const parser: unknown = pg.types.getTypeParser(oid, format);
  return parser;
}
const types: pg.CustomTypesConfig = { getTypeParser };

export interface PgPoolOptions {
  max: number;
  connectionTimeoutMillis: number;
  /** An idle connection the server closed (PostgreSQL restarting, pg_terminate_backend); the pool replaces it. */
  onIdleError?: ((error: Error) => void) | undefined;
  /**
   * How long a statement may run. PostgreSQL cancels one past it (57014: a lock it waits on, a slow plan), so
   * nothing it would have written lands after the caller was told it failed. A server that does not answer at
   * all (hung, or a network dropping packets) is cut off by the client a second later ("Query read timeout", the
   * connection dropped); without either, such a query waits for ever.
   */
  queryTimeoutMillis?: number | undefined;
  /** How long a connection is used before it is replaced; CONNECTION_LIFETIME_S unless a test says otherwise. */
  lifetimeSeconds?: number | undefined;
}

/**
 * A connection is replaced (once released) after 5 minutes. A failover that moves the writable server behind the
 * same host name (a managed database's, or DNS pointed at the promoted standby) leaves the connections made before
 * it on the old server, now taking only reads (25006). A write through `pool.query` closes its connection on the
 * error, and one in our own transactions is closed too (./ownConnection.ts), but Prisma's transactions give theirs
 * back to the pool, and a busy pool never lets a connection sit idle long enough (10 s) to be closed: without a
 * lifetime, payouts could fail on such a connection for as long as the process runs. One reconnect per connection
 * every 5 minutes costs nothing measurable.
 */
export const CONNECTION_LIFETIME_S = 300;

/** A pool on `databaseUrl`. End it with `pool.end()`. */
export function createPgPool(databaseUrl: string, options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max,
    connectionTimeoutMillis: options.connectionTimeoutMillis,
    maxLifetimeSeconds: options.lifetimeSeconds ?? CONNECTION_LIFETIME_S,
    ...(options.queryTimeoutMillis !== undefined && {
      statement_timeout: options.queryTimeoutMillis,
      query_timeout: options.queryTimeoutMillis + 1_000,
    }),
    types,
  });
  // Unhandled, an idle connection's 'error' event kills the process.
  pool.on('error', options.onIdleError ?? (() => undefined));
  return pool;
}

// The send of one outbox email under its row lock, on a small pg pool of its own. The lock makes a second
// attempt (a retry, or a local activity another worker runs again after a workflow task timeout) wait and then
// find the row SENT. Plain pg rather than Prisma's interactive transaction: 0.3 instead of 1.9 ms of CPU per
// email, and the SENT mark and the commit travel in one round trip, which is the window in which a worker
// crash after the SMTP server's 250 sends the email again (README, "exactly once").
import type pg from 'pg';
import { withOwnConnection } from './ownConnection';
import { perPool } from './perPool';
import { createPgPool } from './pgPool';

/**
 * How long one outbox statement may take. Its lock wait lasts as long as another attempt's SMTP conversation,
 * which the mailer bounds but which can take tens of seconds; past a minute, the email activity's start-to-close,
 * the attempt waiting has been given up and retried anyway. A connection that stops answering mid-send is dropped
 * then rather than kept for as long as the worker runs.
 */
export const OUTBOX_QUERY_TIMEOUT_MS = 60_000;

/** The outbox's own connections: one per email being sent at a time, so a few. */
export function createOutboxPool(databaseUrl: string, onIdleError?: (error: Error) => void): pg.Pool {
  return createPgPool(databaseUrl, {
    max: 8,
    connectionTimeoutMillis: 10_000,
    queryTimeoutMillis: OUTBOX_QUERY_TIMEOUT_MS,
    onIdleError,
  });
}

/**
 * The outbox emails of each pool's database that its SMTP server took and whose SENT mark then failed: the
 * connection died during the send (PostgreSQL restarting, or a failover that drops connections) or the mark met a
 * server taking only reads. The row stays PENDING, and the attempt that retries it, in this process, marks it SENT
 * without sending it again. Drill 3c sent two emails twice so, each 10-15 ms after the failover. (A process that
 * dies there forgets it: that is the window README "Emails exactly once" describes.)
 */
const takenButUnmarked = perPool(() => new Set<string>());

/**
 * Runs `send` while the outbox row of `key` is locked and still PENDING, then marks it SENT and commits.
 * Returns false, sending nothing, when the row is already SENT.
 */
export async function sendOnce(pool: pg.Pool, key: string, send: () => Promise<void>): Promise<boolean> {
  const taken = takenButUnmarked(pool);
  // The connection can die while the SMTP send runs (PostgreSQL restarting): withOwnConnection keeps that from
  // ending the process, and the SENT mark below fails with it, leaving the row PENDING.
  return withOwnConnection(pool, async (client) => {
    await client.query('BEGIN');
    const pending = await client.query(
      `SELECT 1 FROM "EmailOutbox" WHERE "key" = $1 AND "status" = 'PENDING' FOR UPDATE`,
      [key],
    );
    if (pending.rowCount === 0) {
      await client.query('ROLLBACK');
      taken.delete(key);
      return false;
    }
    if (!taken.has(key)) {
      await send();
      taken.add(key);
    }
    // Two statements in one simple query, so one round trip (parameters would need the extended protocol).
    // timestamp(3) columns hold UTC, as Prisma writes them.
    await client.query(
      `UPDATE "EmailOutbox" SET "status" = 'SENT', "sentAt" = ${client.escapeLiteral(new Date().toISOString())}::timestamp
       WHERE "key" = ${client.escapeLiteral(key)}; COMMIT`,
    );
    taken.delete(key);
    return true;
  });
}

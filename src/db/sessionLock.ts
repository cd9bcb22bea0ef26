// A PostgreSQL session advisory lock held while work runs: one holder at a time across every process on the
// database, freed by PostgreSQL itself if the holder dies. A session lock rather than a row lock: a row lock gives
// its transaction an id, and a transaction id held open stalls the change feed (src/orders/changeFeed.ts).
import type pg from 'pg';
import { sql } from './sql/sqlTemplate';

/**
 * Runs `work` while this process holds the lock `name`; undefined, with nothing run, when another holds it.
 * `lost()` is the error PostgreSQL closed the session with (a restart, an outage), which also freed the lock:
 * work that must not run unlocked checks it and stops.
 */
export async function withSessionLock<T>(
  pool: pg.Pool,
  name: string,
  work: (lost: () => Error | undefined) => Promise<T>,
): Promise<T | undefined> {
  const session = await pool.connect();
  // The session closing is an 'error' event on it, which must not go unhandled: it would end the process.
  let closedWith: Error | undefined;
  session.on('error', (error) => {
    closedWith = error;
  });
  try {
    const {
      rows: [lock],
    } = await session.query<{ held: boolean }>(sql`SELECT pg_try_advisory_lock(hashtext(${name})) AS "held"`);
    if (!lock?.held) return undefined;
    return await work(() => closedWith);
  } finally {
    session.release(true); // ending the session frees the lock, whatever became of the connection
  }
}

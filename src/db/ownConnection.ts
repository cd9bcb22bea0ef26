// A connection of its own out of a pg pool, for work that needs one for several statements: a transaction
// (a chargeback's writes, an outbox email's row lock held through its SMTP send).
import type pg from 'pg';

/** SQLSTATE of a write the server refuses because it takes only reads (a standby, or a read-only database). */
const READ_ONLY_TRANSACTION = '25006';

/**
 * Runs `work` on a connection checked out of `pool` and releases it after; if `work` throws, its transaction is
 * rolled back. A checked-out connection that dies (PostgreSQL restarting, a terminated backend) is reported by pg as
 * an 'error' event, which unhandled would end the process; here the next query fails with it instead. A connection
 * that died or could not roll back is closed, not reused, and so is one on a server that takes only reads: after a
 * failover that moved the writable server behind the same host name, the next connection reaches the new one.
 */
export async function withOwnConnection<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onConnectionError = (error: Error) => {
    broken = error;
  };
  client.on('error', onConnectionError);
  try {
    return await work(client);
  } catch (error) {
    if ((error as { code?: unknown }).code === READ_ONLY_TRANSACTION) broken = error as Error;
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.off('error', onConnectionError);
    client.release(broken);
  }
}

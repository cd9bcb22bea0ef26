// The outbox send on PostgreSQL: one send per email whatever runs at once, nothing marked on a failed send,
// and a pool that outlives the server closing its idle connections.
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOutboxPool, sendOnce } from '../../src/db/outboxSend';
import { type Database, openDatabase } from '../../src/db/database';
import { claimOutboxEmail } from '../../src/db/sql/claimOutboxEmail';
import { claimPendingEmail } from '../support/pendingEmail';

let database: Database;
let pool: Pool;
const idleErrors: Error[] = [];

beforeAll(() => {
  database = openDatabase(inject('databaseUrl'));
  pool = createOutboxPool(inject('databaseUrl'), (error) => idleErrors.push(error));
});
afterAll(async () => {
  await pool?.end();
  await database?.close();
});

const pendingEmail = () => claimPendingEmail(pool, 'ord_outbox_test');

const statusOf = async (key: string) =>
  (await database.prisma.emailOutbox.findUniqueOrThrow({ where: { key } })).status;

describe('sendOnce', () => {
  it('sends once when three attempts race, and marks the row SENT', async () => {
    const key = await pendingEmail();
    let sends = 0;
    const slowSend = async () => {
      sends += 1;
      await new Promise((resolve) => setTimeout(resolve, 200)); // the others arrive while this one holds the row
    };
    const results = await Promise.all([1, 2, 3].map(() => sendOnce(pool, key, slowSend)));
    expect(sends).toBe(1);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await statusOf(key)).toBe('SENT');
    expect(
      await claimOutboxEmail(pool, {
        key,
        orderId: 'x',
        kind: 'k',
        to: 't',
        subject: 's',
        messageId: 'm',
        request: {},
      }),
    ).toMatchObject({ status: 'SENT' });
  });

  it('leaves the row PENDING and passes the error on when the send fails', async () => {
    const key = await pendingEmail();
    await expect(sendOnce(pool, key, () => Promise.reject(new Error('421 try again later')))).rejects.toThrow(
      '421 try again later',
    );
    expect(await statusOf(key)).toBe('PENDING');
    expect(await sendOnce(pool, key, () => Promise.resolve())).toBe(true);
    expect(await statusOf(key)).toBe('SENT');
  });

  it('keeps working after PostgreSQL closes an idle pooled connection', async () => {
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    client.release();
    await database.prisma.$queryRaw`SELECT pg_terminate_backend(${rows[0]!.pid}::int)`;
    await expect.poll(() => idleErrors.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const key = await pendingEmail();
    expect(await sendOnce(pool, key, () => Promise.resolve())).toBe(true);
  });

  it('fails the send, leaves the row PENDING and carries on when PostgreSQL drops the connection mid-send', async () => {
    const key = await pendingEmail();
    const dropOurConnection = async () => {
      // The send's transaction is the one idle in a transaction while the SMTP exchange runs.
      await database.prisma.$queryRaw`
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'idle in transaction'`;
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await expect(sendOnce(pool, key, dropOurConnection)).rejects.toThrow();
    expect(await statusOf(key)).toBe('PENDING');
    expect(await sendOnce(pool, key, () => Promise.resolve())).toBe(true);
  });
});

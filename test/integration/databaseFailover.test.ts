// A failover drops the connections open at that moment, and when it moves the writable server behind the same
// host name, it leaves the connections made before it on the old server, which now takes only reads (25006).
// Modelled on a database of its own: connections opened while it is read-only stay so after it takes writes again,
// as connections to the demoted server do, while new ones reach a writable server. An email the SMTP server took
// just before the drop must not go twice, nor a batch of events the storefront took, and our pools must not keep
// writing through such a connection.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createStorefrontWebhookActivities } from '../../activities/storefrontWebhooks';
import { sendOnce } from '../../src/db/outboxSend';
import { createPgPool } from '../../src/db/pgPool';
import { createPrismaClient } from '../../src/db/prismaClient';
import { insertOrder } from '../../src/db/sql/insertOrder';
import { failureOf } from '../support/failureOf';
import { setDatabaseReadOnly } from '../support/infrastructure';
import { type OwnDatabase, createOwnDatabase } from '../support/ownDatabase';
import { claimPendingEmail } from '../support/pendingEmail';
import { startStorefrontReceiver } from '../support/storefrontReceiver';

let own: OwnDatabase;
let admin: Pool;
const name = () => new URL(own.url).pathname.slice(1);

beforeAll(async () => {
  own = await createOwnDatabase('failover');
  admin = createPgPool(inject('databaseUrl'), { max: 1, connectionTimeoutMillis: 5_000 });
});
afterAll(async () => {
  await admin?.end();
  await own?.drop();
});

/** A pool of one connection, opened while the database takes only reads: a connection to the demoted server. */
async function poolLeftOnTheOldServer(options: { lifetimeSeconds?: number } = {}): Promise<Pool> {
  await setDatabaseReadOnly(inject('databaseUrl'), name(), true, { dropConnections: false });
  const pool = createPgPool(own.url, { max: 1, connectionTimeoutMillis: 5_000, ...options });
  await pool.query('SELECT 1');
  // The writable server is back under the same name: new connections reach it, the open one stays read-only.
  await setDatabaseReadOnly(inject('databaseUrl'), name(), false, { dropConnections: false });
  return pool;
}

/** A PENDING outbox email in the test's database; its key. */
async function pendingEmail(): Promise<string> {
  const setup = createPgPool(own.url, { max: 1, connectionTimeoutMillis: 5_000 });
  try {
    return await claimPendingEmail(setup, 'ord_failover');
  } finally {
    await setup.end();
  }
}

const outboxStatus = async (pool: Pool, key: string) =>
  (await pool.query<{ status: string }>('SELECT "status" FROM "EmailOutbox" WHERE "key" = $1', [key])).rows[0]?.status;

describe('an email whose SENT mark the failover cut off after the SMTP server took it', () => {
  it('is marked SENT by its retry in the same process, not sent again', async () => {
    const key = await pendingEmail();
    const pool = createPgPool(own.url, { max: 1, connectionTimeoutMillis: 5_000 });
    const sends: string[] = [];
    // The server takes the email; then the failover drops every connection, the outbox's too, before its mark.
    const sendAndFailOver = async () => {
      sends.push(key);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'`,
        [name()],
      );
    };
    try {
      expect(String(await failureOf(sendOnce(pool, key, sendAndFailOver)))).toMatch(/terminat|Connection/i);
      expect(await sendOnce(pool, key, sendAndFailOver)).toBe(true);
      expect(sends).toEqual([key]);
      expect(await outboxStatus(pool, key)).toBe('SENT');
    } finally {
      await pool.end();
    }
  });
});

/** An order written as intake writes it, with its vendor: an event for the change feed to relay. */
async function orderEvent(pool: Pool): Promise<string> {
  const vendorId = `ven_${randomUUID()}`;
  await pool.query(
    `INSERT INTO "Vendor" ("id", "name", "email", "currency", "tokenHash") VALUES ($1, 'V', 'v@example.com', 'USD', $1)`,
    [vendorId],
  );
  const order = await insertOrder(pool, {
    id: `ord_${randomUUID()}`,
    externalId: randomUUID(),
    vendorId,
    status: 'AWAITING_SUPPLIER_ORDER',
    dropship: true,
    customerName: 'C',
    customerEmail: 'c@example.com',
    shippingAddress: {},
    currency: 'USD',
    saleAmount: 100,
    supplierCost: 50,
    createdAt: new Date(),
    items: [],
  });
  return order.id;
}

/** Attempts `work` up to three times, as an activity's retries would, and returns the first success. */
async function untilOneSucceeds<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

describe('a batch of events the storefront took just before the failover kept its cursor from being saved', () => {
  it('is not posted again by the retry in the same process, which saves the cursor past it', async () => {
    const secret = 'test-storefront-secret-0123456789abcdef';
    const receiver = await startStorefrontReceiver(secret);
    const pool = createPgPool(own.url, { max: 4, connectionTimeoutMillis: 5_000 });
    const { relayToStorefront } = createStorefrontWebhookActivities({
      pool,
      storefrontWebhook: { url: receiver.url, secret },
    });
    const relay = `failover-${randomUUID()}`;
    const run = () =>
      new MockActivityEnvironment().run(relayToStorefront, {
        relay,
        runForMs: 500,
        pollEveryMs: 50,
        batchSize: 100,
        maxBackoffMs: 1_000,
      });
    const savedCursor = async () =>
      (await pool.query<{ cursor: string }>('SELECT "cursor" FROM "FeedRelayCursor" WHERE "name" = $1', [relay]))
        .rows[0]?.cursor;
    try {
      await run(); // the relay's cursor, at the feed's end
      const before = await savedCursor();
      const orderId = await orderEvent(pool);
      // The storefront takes the batch; the failover happens before the relay hears its 200.
      receiver.beforeAnswer = async () => {
        receiver.beforeAnswer = undefined;
        await setDatabaseReadOnly(inject('databaseUrl'), name(), true, { dropConnections: true });
      };
      expect(String(await failureOf(run()))).toMatch(/read-only|terminat|Connection/i);
      expect(receiver.taken().map((event) => event.orderId)).toEqual([orderId]);
      expect(await savedCursor()).toBe(before);

      // Writable again. Temporal retries the activity until an attempt succeeds; a pooled connection the failover
      // closed may fail one more before the pool has seen it go, and none of them may post the batch again.
      await setDatabaseReadOnly(inject('databaseUrl'), name(), false, { dropConnections: false });
      expect(await untilOneSucceeds(run)).toMatchObject({ delivered: 0, failures: 0 });
      expect(receiver.deliveries).toHaveLength(1);
      expect(await savedCursor()).toBe(JSON.parse(receiver.deliveries[0]!.body).nextCursor);
    } finally {
      await setDatabaseReadOnly(inject('databaseUrl'), name(), false, { dropConnections: false });
      await pool.end();
      await receiver.stop();
    }
  });
});

describe('a connection left on a server that takes only reads', () => {
  it('is closed by the outbox send that met it, so the next attempt sends the email, once', async () => {
    const key = await pendingEmail();
    const pool = await poolLeftOnTheOldServer();
    const sends: string[] = [];
    const send = () => {
      sends.push(key);
      return Promise.resolve();
    };
    try {
      const first = await failureOf(sendOnce(pool, key, send));
      expect(first).toMatchObject({ code: '25006' });
      expect(sends).toEqual([]); // the row lock failed first: nothing sent on the old server's word
      expect(await sendOnce(pool, key, send)).toBe(true);
      expect(sends).toEqual([key]);
      expect(await outboxStatus(pool, key)).toBe('SENT');
    } finally {
      await pool.end();
    }
  });

  it('is replaced within its lifetime when a Prisma transaction gave it back to the pool', async () => {
    const pool = await poolLeftOnTheOldServer({ lifetimeSeconds: 1 });
    const prisma = createPrismaClient(pool);
    const write = () =>
      prisma.$transaction(
        (tx) =>
          tx.$executeRaw`INSERT INTO "IdempotencyRecord" ("scope", "key", "requestHash", "status")
            VALUES ('platform', ${`failover-${randomUUID()}`}, 'x', 0)`,
      );
    try {
      expect(String(await failureOf(write()))).toMatch(/read-only transaction/);
      // Prisma gave the connection back as it was: the next transaction gets it again, and fails the same way.
      expect(String(await failureOf(write()))).toMatch(/read-only transaction/);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      // Past its lifetime the pool closes it (at once when idle, or at its release when in use): the next connection
      // reaches the writable server.
      expect(await write()).toBe(1);
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  });
});

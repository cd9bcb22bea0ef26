// GET /v1/events, the change feed the storefront follows: every order event in commit order, with the order's
// status after it, read with a cursor that never skips an event committed late and never repeats one.
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '../../src/db/migrate';
import type { ChangeFeedEvent } from '../../src/orders/changeFeed';
import { STOREFRONT_RELAY } from '../../src/temporal/storefrontWebhookSchedule';
import { newTrackingNumber, placeOrder, shipOrder } from '../support/orderFlow';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack();
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

/** Reads the feed from `cursor` until it has nothing more ready, `limit` at a time. */
async function readAll(
  cursor: string | undefined,
  limit = 100,
): Promise<{ events: ChangeFeedEvent[]; cursor: string }> {
  const events: ChangeFeedEvent[] = [];
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor && { cursor }) });
    const response = await stack.platform.get(`/v1/events?${query.toString()}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    events.push(...response.body.events);
    cursor = response.body.nextCursor as string;
    if (!response.body.hasMore) return { events, cursor };
  }
}

/** The feed's current end: where a storefront that starts following now begins. */
async function feedEnd(): Promise<string> {
  return (await readAll(undefined)).cursor;
}

describe('following orders through the change feed', () => {
  it('gives each order’s events in order, as its timeline has them, with the status after each', async () => {
    const start = await feedEnd();
    const { order: shipped, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, shipped.id, newTrackingNumber());
    const { order: cancelled } = await placeOrder(stack, vendor.id);
    expect(
      (await vendor.api.post(`/v1/orders/${cancelled.id}/cancel`, { reason: 'Supplier out of stock' })).status,
    ).toBe(200);

    const { events } = await readAll(start);
    const ofOrder = (orderId: string) => events.filter((event) => event.orderId === orderId);
    for (const orderId of [shipped.id, cancelled.id]) {
      const timeline = (await stack.platform.get(`/v1/orders/${orderId}`)).body.order.events;
      expect(ofOrder(orderId).map(({ at, type, actor, data }) => ({ at, type, actor, data }))).toEqual(timeline);
      expect(ofOrder(orderId).map((event) => event.seq)).toEqual(timeline.map((_: unknown, seq: number) => seq));
    }
    const statuses = (orderId: string) => [...new Set(ofOrder(orderId).map((event) => event.status))];
    expect(statuses(shipped.id)).toEqual(['AWAITING_SUPPLIER_ORDER', 'SUPPLIER_ORDERED', 'SHIPPED']);
    expect(statuses(cancelled.id)).toEqual(['AWAITING_SUPPLIER_ORDER', 'CANCELLED']);
    expect(ofOrder(shipped.id)[0]).toMatchObject({ externalId: body.externalId, vendorId: vendor.id });
    expect(ofOrder(cancelled.id).at(-1)).toMatchObject({ actor: `vendor:${vendor.id}`, status: 'CANCELLED' });

    // Read one at a time, each event's own cursor goes on where the page's would: the same events, none twice.
    const oneByOne = await readAll(start, 1);
    expect(oneByOne.events.map((event) => event.id)).toEqual(events.map((event) => event.id));
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const resumed = await readAll(ofOrder(shipped.id)[1]!.cursor);
    expect(resumed.events[0]!.id).toBe(ofOrder(shipped.id)[2]!.id);
  });

  it('holds back events committed after one still being written, so a cursor never passes an event', async () => {
    const { order: held } = await placeOrder(stack, vendor.id);
    const { order: later } = await placeOrder(stack, vendor.id);
    const before = await feedEnd();
    const writer = new pg.Client({ connectionString: inject('databaseUrl') });
    await writer.connect();
    try {
      // An event written first but committed last: a sequence-ordered feed would hand out a cursor past it.
      await writer.query('BEGIN');
      const heldEventId = randomUUID();
      await writer.query(
        `INSERT INTO "OrderEvent" ("id", "orderId", "seq", "type", "actor", "data", "at", "status")
         VALUES ($1, $2, 1000, 'test.held', 'system', '{}', now(), 'AWAITING_SUPPLIER_ORDER')`,
        [heldEventId, held.id],
      );
      const cancelled = await stack.platform.post(`/v1/orders/${later.id}/cancel`, { reason: 'Fraud check' });
      expect(cancelled.status).toBe(200); // its event is committed: the row shows CANCELLED

      const whileHeld = await readAll(before);
      expect(whileHeld.events.filter((event) => event.orderId === later.id)).toEqual([]);

      await writer.query('COMMIT');
      const afterCommit = await readAll(whileHeld.cursor);
      const ids = afterCommit.events.map((event) => event.id);
      const laterCancel = afterCommit.events.find(
        (event) => event.orderId === later.id && event.status === 'CANCELLED',
      );
      expect(ids).toContain(heldEventId);
      expect(laterCancel).toBeDefined();
      expect(ids.indexOf(heldEventId)).toBeLessThan(ids.indexOf(laterCancel!.id));
    } finally {
      await writer.end();
    }
  });

  it('refuses a cursor it did not give, a bad limit and a vendor, with the error shape', async () => {
    const forged = [
      'not-a-cursor',
      Buffer.from('1.2.3').toString('base64url'),
      Buffer.from('99999999999999999999999.1').toString('base64url'),
      Buffer.from('-1.5').toString('base64url'),
    ];
    for (const cursor of forged) {
      const refused = await stack.platform.get(`/v1/events?cursor=${cursor}`);
      expect(refused.status, cursor).toBe(422);
      expect(refused.body.error.code).toBe('INVALID_CURSOR');
    }
    for (const limit of ['0', '101', 'many']) {
      const refused = await stack.platform.get(`/v1/events?limit=${limit}`);
      expect(refused.status, limit).toBe(422);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    const asVendor = await vendor.api.get('/v1/events');
    expect(asVendor.status).toBe(403);
    expect(asVendor.body.error.code).toBe('FORBIDDEN');
  });

  it('is not posted anywhere without STOREFRONT_WEBHOOK_URL: the relay run does nothing', async () => {
    const result = await stack.client.workflow.execute('storefrontWebhookWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `storefront-webhooks-test-${randomUUID()}`,
      args: [{ ...STOREFRONT_RELAY, relay: `test-${randomUUID()}`, runForMs: 1_000 }],
    });
    expect(result).toEqual({ skipped: 'not configured', delivered: 0, batches: 0, failures: 0 });
  });

  it('answers an empty page and the same cursor when nothing new is committed', async () => {
    const end = await feedEnd();
    const again = await stack.platform.get(`/v1/events?cursor=${end}`);
    expect(again.body).toEqual({ events: [], nextCursor: end, hasMore: false });
  });
});

describe('the feed migration on a database with orders', () => {
  const adminUrl = (() => {
    const url = new URL(inject('databaseUrl'));
    url.pathname = '/postgres';
    return url.toString();
  })();
  const databaseName = `feed_migration_${process.pid}_${Date.now()}`;
  const migrationsDir = join(__dirname, '..', '..', 'prisma', 'migrations');
  const migrations = readdirSync(migrationsDir)
    .filter((name) => /^\d+_/.test(name))
    .sort();
  const feedMigration = migrations.findIndex((name) => name.endsWith('_order_change_feed'));

  it('puts the events recorded before it first, in the order they happened, and numbers new ones after', async () => {
    const client = new pg.Client({ connectionString: await ensureDatabase(adminUrl, databaseName) });
    await client.connect();
    try {
      const apply = (name: string) => client.query(readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8'));
      for (const name of migrations.slice(0, feedMigration)) await apply(name);
      await client.query(`
        INSERT INTO "Vendor" ("id", "name", "email", "currency", "tokenHash") VALUES ('ven_1', 'V', 'v@example.com', 'USD', 'h');
        INSERT INTO "Order" ("id", "externalId", "vendorId", "status", "dropship", "customerName", "customerEmail",
          "shippingAddress", "currency", "saleAmount", "supplierCost", "updatedAt")
        SELECT 'ord_' || n, 'ext-' || n, 'ven_1', 'AWAITING_SUPPLIER_ORDER', true, 'C', 'c@example.com', '{}', 'USD', 1, 1,
          now() FROM generate_series(1, 3) AS n;
        -- Inserted out of time order, as rows of a busy table lie on disk.
        INSERT INTO "OrderEvent" ("id", "orderId", "seq", "type", "actor", "data", "at") VALUES
          ('e3', 'ord_3', 0, 'order.created', 'platform', '{}', '2026-01-03'),
          ('e1', 'ord_1', 0, 'order.created', 'platform', '{}', '2026-01-01'),
          ('e2b', 'ord_2', 1, 'sla.breached', 'system', '{}', '2026-01-02 12:00'),
          ('e2', 'ord_2', 0, 'order.created', 'platform', '{}', '2026-01-02');`);
      for (const name of migrations.slice(feedMigration)) await apply(name);
      await client.query(`
        INSERT INTO "OrderEvent" ("id", "orderId", "seq", "type", "actor", "data", "at", "status")
        VALUES ('e4', 'ord_1', 1, 'order.cancelled', 'platform', '{}', '2026-01-04', 'CANCELLED')`);
      const { rows } = await client.query('SELECT "id", "status" FROM "OrderEvent" ORDER BY "feedTx", "feedSeq"');
      expect(rows).toEqual([
        { id: 'e1', status: null },
        { id: 'e2', status: null },
        { id: 'e2b', status: null },
        { id: 'e3', status: null },
        { id: 'e4', status: 'CANCELLED' },
      ]);
    } finally {
      await client.end();
      await dropDatabase(adminUrl, databaseName);
    }
  });
});

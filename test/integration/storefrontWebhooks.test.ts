// The storefront webhooks: the change feed posted to a real HTTP receiver on loopback, signed, in order, each batch
// until the receiver takes it, one relay at a time, and on from where the last run stopped.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RelayToStorefrontInput, RelayToStorefrontResult } from '../../activities/storefrontWebhooks';
import {
  STOREFRONT_RELAY,
  storefrontWebhookScheduleId,
  syncStorefrontWebhookSchedule,
} from '../../src/temporal/storefrontWebhookSchedule';
import { SIGNATURE_HEADER, verifyWebhook } from '../../src/storefront/webhookSignature';
import { newTrackingNumber, placeOrder, shipOrder } from '../support/orderFlow';
import { type StorefrontReceiver, startStorefrontReceiver } from '../support/storefrontReceiver';
import { type TestStack, startTestStack } from '../support/testStack';

const SECRET = 'test-storefront-secret-0123456789abcdef';

let stack: TestStack;
let receiver: StorefrontReceiver;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  receiver = await startStorefrontReceiver(SECRET);
  stack = await startTestStack({ storefrontWebhook: { url: receiver.url, secret: SECRET } });
  vendor = await stack.createVendor();
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

/** Starts one run of the relay workflow, as its Schedule would, on a relay (cursor row) of the test's own. */
function startRelay(relay: string, overrides: Partial<RelayToStorefrontInput> = {}) {
  const input = { ...STOREFRONT_RELAY, relay, runForMs: 4_000, pollEveryMs: 100, maxBackoffMs: 2_000, ...overrides };
  return stack.client.workflow.start('storefrontWebhookWorkflow', {
    taskQueue: stack.taskQueue,
    workflowId: `storefront-webhooks-test-${randomUUID()}`,
    args: [input],
  });
}

/** Waits until the relay has its cursor: it relays what is committed from then on. */
async function relayStarted(relay: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await stack.prisma.feedRelayCursor.findUnique({ where: { name: relay } }))) {
    if (Date.now() > deadline) throw new Error(`relay ${relay} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const taken = () => receiver.taken();

describe('storefront webhooks', () => {
  it('posts every event of an order to the storefront, signed, in the order they happened', async () => {
    const relay = `test-${randomUUID()}`;
    const run = await startRelay(relay);
    await relayStarted(relay);
    const { order } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    await until(() => taken().some((e) => e.orderId === order.id && e.status === 'SHIPPED'), 'the shipped event');
    const result: RelayToStorefrontResult = await run.result();

    expect(result).toMatchObject({ failures: 0 });
    expect(result.delivered).toBeGreaterThanOrEqual(3);
    // What the order's timeline has, up to what was committed while the run relayed (a carrier update may follow).
    const timeline = (await stack.platform.get(`/v1/orders/${order.id}`)).body.order.events;
    const ofOrder = taken().filter((e) => e.orderId === order.id);
    expect(ofOrder.map((e) => e.seq)).toEqual(ofOrder.map((_, seq) => seq));
    expect(ofOrder.map((e) => e.type)).toEqual(timeline.slice(0, ofOrder.length).map((e: { type: string }) => e.type));
    expect(ofOrder.map((e) => e.status)).toEqual(
      expect.arrayContaining(['AWAITING_SUPPLIER_ORDER', 'SUPPLIER_ORDERED']),
    );
    for (const delivery of receiver.deliveries) {
      expect(delivery.signed).toBe(true);
      const signature = delivery.headers[SIGNATURE_HEADER.toLowerCase()] as string;
      expect(verifyWebhook('another-secret-of-at-least-32-chars!!', signature, delivery.body)).toBe(false);
      expect(delivery.headers['content-type']).toBe('application/json');
    }
  });

  it('retries a batch the storefront refuses, with growing pauses, before anything after it, losing nothing', async () => {
    const relay = `test-${randomUUID()}`;
    const first = receiver.deliveries.length;
    receiver.refuse = 3;
    const run = await startRelay(relay, { runForMs: 9_000 });
    await relayStarted(relay);
    const { order: a } = await placeOrder(stack, vendor.id);
    const { order: b } = await placeOrder(stack, vendor.id);
    expect((await stack.platform.post(`/v1/orders/${a.id}/cancel`, { reason: 'Paid twice' })).status).toBe(200);
    await until(() => taken().some((e) => e.orderId === a.id && e.status === 'CANCELLED'), 'the cancellation');
    const result: RelayToStorefrontResult = await run.result();

    const attempts = receiver.deliveries.slice(first);
    expect(attempts.map((d) => d.status).slice(0, 4)).toEqual([500, 500, 500, 200]);
    // The cursor stayed put: every attempt starts at the same event, the one the storefront had not taken.
    expect(new Set(attempts.slice(0, 4).map((d) => d.events[0]!.id)).size).toBe(1);
    const pauses = attempts.slice(1, 4).map((d, i) => d.at - attempts[i]!.at);
    expect(pauses[0]).toBeGreaterThanOrEqual(900);
    expect(pauses[1]).toBeGreaterThanOrEqual(1_900);
    expect(result).toMatchObject({ failures: 3, lastError: 'HTTP 500' });
    // Taken once each, in order: a's events, then b's, as committed.
    const ours = attempts
      .filter((d) => d.status === 200)
      .flatMap((d) => d.events)
      .filter((e) => e.orderId === a.id || e.orderId === b.id);
    expect(ours.map((e) => `${e.orderId === a.id ? 'a' : 'b'}${e.seq}`)).toEqual(['a0', 'b0', 'a1']);
    const row = await stack.prisma.feedRelayCursor.findUniqueOrThrow({ where: { name: relay } });
    expect(row).toMatchObject({ failures: 0, lastError: 'HTTP 500' });
  });

  it('backs off in a new run where the last run left off, so a storefront that is down is not tried afresh', async () => {
    const relay = `test-${randomUUID()}`;
    const first = await startRelay(relay, { runForMs: 1_500 });
    await relayStarted(relay);
    // Refusals from here on, in the same tick as the count: a carrier update of an earlier test's order, relayed
    // before this point, must not use one up unseen (it did once, on a loaded machine).
    const start = receiver.deliveries.length;
    receiver.refuse = 3;
    await placeOrder(stack, vendor.id);
    await first.result(); // one or two refusals (the second 1 s after the first) before its time is up
    const firstRun = receiver.deliveries.length - start;
    expect(firstRun).toBeGreaterThanOrEqual(1);
    const second = await startRelay(relay, { runForMs: 6_000 });
    await until(() => receiver.deliveries.slice(start).some((d) => d.status === 200), 'a delivery');
    await second.result();
    const attempts = receiver.deliveries.slice(start);
    expect(attempts.map((d) => d.status).slice(0, 4)).toEqual([500, 500, 500, 200]);
    // The second run's first attempt is refused too; a back-off started afresh would wait 1 s after it, not 2 s.
    expect(attempts[firstRun]!.status).toBe(500);
    expect(attempts[firstRun + 1]!.at - attempts[firstRun]!.at).toBeGreaterThanOrEqual(1_900);
  });

  it('lets one run relay at a time, and a later run goes on where the last one stopped', async () => {
    const relay = `test-${randomUUID()}`;
    const [one, two] = [await startRelay(relay, { runForMs: 1_500 }), await startRelay(relay, { runForMs: 1_500 })];
    const results: RelayToStorefrontResult[] = await Promise.all([one.result(), two.result()]);
    expect(results.map((r) => r.skipped ?? 'relayed').sort()).toEqual(['another run is relaying', 'relayed']);

    // Between runs: nothing relays, and the events wait in the feed.
    const { order } = await placeOrder(stack, vendor.id);
    expect((await stack.platform.post(`/v1/orders/${order.id}/cancel`, { reason: 'Fraud check' })).status).toBe(200);
    const next = await startRelay(relay);
    await until(() => taken().some((e) => e.orderId === order.id && e.status === 'CANCELLED'), 'the cancellation');
    await next.result();
    expect(
      taken()
        .filter((e) => e.orderId === order.id)
        .map((e) => e.seq),
    ).toEqual([0, 1]);
  });

  it('stops a run whose lock session PostgreSQL closed, keeps the worker up, and relays again on the retry', async () => {
    const relay = `test-${randomUUID()}`;
    const run = await startRelay(relay, { runForMs: 3_000 });
    await relayStarted(relay);
    const db = new pg.Client({ connectionString: inject('databaseUrl') });
    await db.connect();
    try {
      const { rowCount } = await db.query(
        `SELECT pg_terminate_backend("pid") FROM pg_stat_activity
         WHERE "query" LIKE '%pg_try_advisory_lock%' AND "pid" <> pg_backend_pid() AND "datname" = current_database()`,
      );
      expect(rowCount).toBe(1);
    } finally {
      await db.end();
    }
    const { order } = await placeOrder(stack, vendor.id);
    await until(() => taken().some((e) => e.orderId === order.id), 'the order, relayed by the retried run');
    const result: RelayToStorefrontResult = await run.result();
    expect(result.skipped).toBeUndefined();
    expect((await run.describe()).status.name).toBe('COMPLETED');
  });

  it('has a Schedule while the webhook is configured, and none once it is not', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const handle = stack.client.schedule.getHandle(storefrontWebhookScheduleId(taskQueue));
    await syncStorefrontWebhookSchedule(stack.client, taskQueue, true);
    const described = await handle.describe();
    expect(described.action).toMatchObject({ workflowType: 'storefrontWebhookWorkflow', args: [STOREFRONT_RELAY] });
    await syncStorefrontWebhookSchedule(stack.client, taskQueue, false);
    await expect(handle.describe()).rejects.toThrow();
    await syncStorefrontWebhookSchedule(stack.client, taskQueue, false); // none to delete: nothing to do
  });
});

// A vendor action while no worker runs: Temporal holds the update until a worker is back, so the API must not
// hang with it. It answers 503 ACTION_NOT_CONFIRMED after its wait, and tells the truth: the workflow still
// decides the change once a worker returns. An action the workflow has taken and is still working on past the
// wait is waited for a while longer, and then answered the same way. With Temporal itself down, the answer is a
// plain 503 within seconds. During a rolling deploy, a new API can ask a worker still on the old code for an action
// that code has no handler for: Temporal rejects the update untouched, and the API says so with a 503, not a 500.
// Real Temporal, PostgreSQL, SMTP receiver and 17TRACK fake.
import { defineUpdate } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHttpError } from '../../src/http/errorMiddleware';
import { runOrderAction } from '../../src/orders/orderActions';
import { type OrderActionResult, addTrackingUpdate } from '../../workflows/messages';
import { startOutageApi } from '../support/outageApi';
import { supplierOrderBody } from '../support/fixtures';
import { newTrackingNumber, placeOrder, waitForStatus } from '../support/orderFlow';
import { type TestStack, apiAs, startTestStack } from '../support/testStack';

const WAIT_MS = 2_000;
let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack({ actionWaitMs: WAIT_MS });
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

describe('a vendor action with no worker running', () => {
  it('answers 503 ACTION_NOT_CONFIRMED after its wait, and the change lands once a worker is back', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await stack.mail.waitFor(
      (m) => m.subject.startsWith('New dropshipping order') && m.subject.includes(body.externalId),
    );
    await stack.stopWorker();
    const purchase = supplierOrderBody();
    try {
      const started = Date.now();
      const answer = await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, purchase);
      const tookMs = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe('ACTION_NOT_CONFIRMED');
      expect(answer.body.error.message).toContain('may still be applied');
      expect(tookMs).toBeGreaterThanOrEqual(WAIT_MS - 100);
      expect(tookMs).toBeLessThan(WAIT_MS + 5_000);
      expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.status).toBe('AWAITING_SUPPLIER_ORDER');
    } finally {
      await stack.startWorker();
    }
    await waitForStatus(vendor.api, order.id, 'SUPPLIER_ORDERED');
    // The vendor, told it may still be applied, sends it again: the same purchase, recorded once.
    const retry = await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, purchase);
    expect(retry.status).toBe(200);
    const types = retry.body.order.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t.startsWith('supplier_order.'))).toEqual(['supplier_order.recorded']);
  });

  it('waits past its wait for an action the workflow took, while 17TRACK registration retries', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    expect((await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody())).status).toBe(200);
    // The client's backoff is 0.5, 1, 2 and 4 s, each cut to between half and all of it at random: four failures
    // take 3.75 s at the least, well past the 2 s wait (three, 1.75 s at the least, once answered within it in CI).
    stack.track17.failNext(4, 500);
    const started = Date.now();
    const answer = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newTrackingNumber() });
    expect(Date.now() - started).toBeGreaterThan(WAIT_MS);
    expect(answer.status).toBe(200);
    expect(answer.body.order.status).toBe('SHIPPED');
  });

  it('answers 503 ACTION_NOT_CONFIRMED for an action the workflow took and is still at work on after the longer wait, and the change lands', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    expect((await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody())).status).toBe(200);
    // 17TRACK hanging: the tracking entry's registration waits on it (4 s a request) longer than this API's waits
    // (1 s, then 1 s more once accepted), as an outage holds an accepted action up. It answers again once the API has.
    stack.track17.failNext(1_000, 'timeout');
    const trackingNumber = newTrackingNumber();
    try {
      const started = Date.now();
      const error = await runOrderAction(
        { pool: stack.pool, temporal: stack.client, actionWaitMs: 1_000, acceptedActionWaitMs: 1_000 },
        { kind: 'vendor', vendorId: vendor.id },
        order.id,
        addTrackingUpdate,
        () => ({ actor: { kind: 'vendor' as const, id: vendor.id }, trackingNumber }),
      ).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      const tookMs = Date.now() - started;
      const answer = toHttpError(error);
      expect(answer).toMatchObject({ status: 503, code: 'ACTION_NOT_CONFIRMED' });
      expect(answer.message).toContain('may still be applied');
      // The first wait, the check that finds it accepted, and the longer wait: not the whole registration.
      expect(tookMs).toBeGreaterThanOrEqual(2_000 - 100);
      expect(tookMs).toBeLessThan(4_000);
    } finally {
      stack.track17.failNext(0, 500);
    }
    const shipped = await waitForStatus(vendor.api, order.id, 'SHIPPED');
    expect(shipped.tracking.number).toBe(trackingNumber);
  });
});

describe('a vendor action while Temporal is down', () => {
  it('answers 503 SERVICE_UNAVAILABLE once the API has given up on Temporal, not after the action wait', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const outage = await startOutageApi(stack.taskQueue);
    try {
      const started = Date.now();
      const answer = await apiAs(outage.url, vendor.token).post(
        `/v1/orders/${order.id}/supplier-order`,
        supplierOrderBody(),
      );
      const tookMs = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe('SERVICE_UNAVAILABLE');
      // The API's attempts at a Temporal that refuses connections take about 3 s (src/temporal/apiConnection.ts);
      // the action wait (15 s for this API) never comes into it.
      expect(tookMs).toBeLessThan(8_000);
    } finally {
      await outage.stop();
    }
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.status).toBe('AWAITING_SUPPLIER_ORDER');
  });
});

describe('an action the order’s worker does not know yet', () => {
  it('is a 503 that says a deploy is under way, and changes nothing', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const before = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    const comingSoon = defineUpdate<OrderActionResult, [{ actor: { kind: 'platform' } }]>('aNewerAction');

    const error = await runOrderAction(
      { pool: stack.pool, temporal: stack.client },
      { kind: 'platform' },
      order.id,
      comingSoon,
      () => ({ actor: { kind: 'platform' } }),
    ).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    const answer = toHttpError(error);
    expect(answer).toMatchObject({ status: 503, code: 'ACTION_NOT_DEPLOYED', details: { action: 'aNewerAction' } });
    expect(answer.message).toMatch(/does not know this action yet.*Nothing changed: retry/);
    const after = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect(after.events).toEqual(before.events);
    expect(after.status).toBe(before.status);
  });
});

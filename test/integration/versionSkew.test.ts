// A deploy rolls out API and workers one process at a time, so for a while a new API can ask an order's workflow,
// on a worker still running the old code, for an action that code has no handler for (the store's customer-email
// correction, when it came). Temporal rejects such an update untouched; the API must say so, not answer a 500.
// Real Temporal and PostgreSQL: the update below has no handler in the workflow, as on an old worker.
import { defineUpdate } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHttpError } from '../../src/http/errorMiddleware';
import { runOrderAction } from '../../src/orders/orderActions';
import type { OrderActionResult } from '../../workflows/messages';
import { placeOrder } from '../support/orderFlow';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack();
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

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

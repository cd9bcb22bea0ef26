// Steps of an order's life as the API drives them, shared by the lifecycle tests.
import { expect } from 'vitest';
import type { OrderStatus } from '../../src/domain/orderStatus';
import { type CarrierUpdate, carrierUpdateSignal, orderStateQuery, orderWorkflowId } from '../../workflows/messages';
import { dropshipOrderBody, newTrackingNumber, supplierOrderBody } from './fixtures';
import type { Api, TestStack } from './testStack';

// Made in fixtures.ts (the bench and drills use it too, without vitest); tests take it with the steps that use it.
export { newTrackingNumber };

/** Polls the order through the API until it has `status`. */
export async function waitForStatus(api: Api, orderId: string, status: OrderStatus, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.get(`/v1/orders/${orderId}`);
    if (response.body?.order?.status === status) return response.body.order;
    if (Date.now() > deadline)
      throw new Error(`order ${orderId} is ${response.body?.order?.status}, expected ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates a dropship order for `vendor` and returns it with its body. */
export async function placeOrder(stack: TestStack, vendorId: string, overrides: Record<string, unknown> = {}) {
  const body = dropshipOrderBody(vendorId, overrides);
  const response = await stack.platform.post('/v1/orders', body);
  expect(response.status).toBe(201);
  return { order: response.body.order, body };
}

/** Takes an order to SHIPPED the way the vendor does: supplier order, then tracking. */
export async function shipOrder(vendorApi: Api, orderId: string, trackingNumber: string) {
  const recorded = await vendorApi.post(`/v1/orders/${orderId}/supplier-order`, supplierOrderBody());
  expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
  const shipped = await vendorApi.post(`/v1/orders/${orderId}/tracking`, { trackingNumber, carrier: 3011 });
  expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
  return shipped.body.order;
}

/** Sends a carrier status to the order workflow, as the webhook and the poller do. */
export async function signalCarrier(stack: TestStack, orderId: string, state: CarrierUpdate) {
  await stack.client.workflow.getHandle(orderWorkflowId(orderId)).signal(carrierUpdateSignal, state);
}

/** The workflow's live state. */
export async function workflowState(stack: TestStack, orderId: string) {
  return stack.client.workflow.getHandle(orderWorkflowId(orderId)).query(orderStateQuery);
}

// Changes that race on one order: vendor actions against each other, against the carrier and against the
// workflow's own timers. One change wins, the loser gets a clear 409, the read model matches the workflow, and
// every history written here replays (local activities replay in history order, so a race is where an
// ordering mistake in the workflow would show).
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderWorkflowId } from '../../workflows/messages';
import { supplierOrderBody } from '../support/fixtures';
import { newTrackingNumber, placeOrder, shipOrder, signalCarrier, waitForStatus } from '../support/orderFlow';
import { type TestStack, startTestStack, workflowBundle } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;
const touched: string[] = [];

beforeAll(async () => {
  // A reminder due a moment after intake, so supplier orders race the reminder's email and SLA write.
  stack = await startTestStack({ policy: { reminderAfterMs: 300, holdingPeriodMs: 500 } });
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

async function newOrder(): Promise<string> {
  const { order } = await placeOrder(stack, vendor.id);
  touched.push(order.id);
  return order.id as string;
}

async function eventTypes(orderId: string): Promise<string[]> {
  const events = await stack.prisma.orderEvent.findMany({ where: { orderId }, orderBy: { seq: 'asc' } });
  return events.map((event) => event.type);
}

describe('racing changes on one order', () => {
  it('lets one of a concurrent supplier order and vendor cancel win; the other gets 409 INVALID_STATE', async () => {
    for (let i = 0; i < 6; i++) {
      const orderId = await newOrder();
      const [recorded, cancelled] = await Promise.all([
        vendor.api.post(`/v1/orders/${orderId}/supplier-order`, supplierOrderBody()),
        vendor.api.post(`/v1/orders/${orderId}/cancel`, { reason: 'Customer changed their mind' }),
      ]);
      const statuses = [recorded.status, cancelled.status].sort();
      expect(statuses, JSON.stringify([recorded.body, cancelled.body])).toEqual([200, 409]);
      const loser = recorded.status === 409 ? recorded : cancelled;
      expect(loser.body.error.code).toBe('INVALID_STATE');
      const winner = recorded.status === 200 ? 'SUPPLIER_ORDERED' : 'CANCELLED';
      const order = await waitForStatus(vendor.api, orderId, winner);
      expect(order.status).toBe(winner);
      const types = await eventTypes(orderId);
      expect(types.filter((t) => t === 'supplier_order.recorded' || t === 'cancelled')).toHaveLength(1);
    }
  });

  it('records one delivery when the vendor and the carrier report it at the same moment', async () => {
    for (let i = 0; i < 4; i++) {
      const orderId = await newOrder();
      await shipOrder(vendor.api, orderId, newTrackingNumber());
      const [marked] = await Promise.all([
        vendor.api.post(`/v1/orders/${orderId}/delivered`, {}),
        signalCarrier(stack, orderId, { status: 'Delivered', lastEventAt: '2026-11-24T08:00:00Z' }),
      ]);
      expect([200, 409]).toContain(marked.status);
      await waitForStatus(vendor.api, orderId, 'COMPLETED');
      expect((await eventTypes(orderId)).filter((t) => t === 'delivered')).toHaveLength(1);
      const ledger = await stack.prisma.earningsEntry.findMany({ where: { orderId } });
      expect(ledger.filter((entry) => entry.reason === 'accrue')).toHaveLength(1);
    }
  });

  it('keeps an order whose supplier order races the first reminder consistent', async () => {
    const orderIds = await Promise.all(Array.from({ length: 6 }, () => newOrder()));
    await new Promise((resolve) => setTimeout(resolve, 250));
    const responses = await Promise.all(
      orderIds.map((orderId) => vendor.api.post(`/v1/orders/${orderId}/supplier-order`, supplierOrderBody())),
    );
    for (const [index, response] of responses.entries()) {
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const types = await eventTypes(orderIds[index]!);
      // The SLA breach may come before the supplier order, never after it.
      expect(types.at(-1)).toBe('supplier_order.recorded');
      expect(types.filter((t) => t === 'supplier_order.recorded')).toHaveLength(1);
    }
  });

  it('replays the history of every order above without non-determinism', async () => {
    const bundle = await workflowBundle();
    expect(touched.length).toBeGreaterThanOrEqual(16);
    for (const orderId of touched) {
      const handle = stack.client.workflow.getHandle(orderWorkflowId(orderId));
      const history = await handle.fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: bundle }, history, handle.workflowId);
    }
  });
});

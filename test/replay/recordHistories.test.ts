// Records the histories the replay test guards. Skipped in normal runs; `npm run histories:record` runs it
// against the test stack and rewrites test/replay/histories/*.json. Commit the files it writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { exportHistoryJson } from '../../src/temporal/historyExport';
import { STOREFRONT_RELAY } from '../../src/temporal/storefrontWebhookSchedule';
import { emailRefusedSignal, orderWorkflowId } from '../../workflows/messages';
import { newTrackingNumber, placeOrder, shipOrder, signalCarrier, waitForStatus } from '../support/orderFlow';
import { type TestStack, startTestStack } from '../support/testStack';

const RECORDING = process.env.RECORD_HISTORIES === '1';
const HISTORIES_DIR = join(__dirname, 'histories');
// Bump when the workflow changes behind a new patch; older files stay, as the running orders they stand for.
const HISTORY_VERSION = 'v11';
let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

async function save(name: string, orderId: string): Promise<void> {
  await saveHistory(`${HISTORY_VERSION}-${name}`, orderWorkflowId(orderId));
}

async function saveHistory(fileName: string, workflowId: string): Promise<void> {
  await stack.client.workflow.getHandle(workflowId).result();
  const json = exportHistoryJson(inject('temporalAddress'), workflowId);
  writeFileSync(join(HISTORIES_DIR, `${fileName}.json`), json);
}

/**
 * One run of a Schedule's workflow, started as its Schedule would start it. These run for seconds, but a
 * deploy can still land mid-run, and a run that fails replay is retried from scratch by nobody.
 */
async function saveScheduleRun(name: string, workflowType: string, args: unknown[]): Promise<void> {
  const workflowId = `record-${name}-${Date.now()}`;
  await stack.client.workflow.start(workflowType, { taskQueue: stack.taskQueue, workflowId, args });
  await saveHistory(`schedule-${name}`, workflowId);
}

/** The carrier's "Delivered" for the order's parcel (under `trackingNumber`, as the webhook names it), then its release. */
async function deliveredByCarrier(orderId: string, trackingNumber?: string): Promise<void> {
  await signalCarrier(stack, orderId, {
    status: 'Delivered',
    subStatus: 'Delivered_Other',
    lastEventAt: '2026-11-24T08:00:00Z',
    ...(trackingNumber && { trackingNumber }),
  });
  await waitForStatus(vendor.api, orderId, 'COMPLETED');
}

/** The vendor's tracking, then its "delivered", to the release; saved as `name`. */
async function shippedDeliveredAndSaved(orderId: string, name: string): Promise<void> {
  await vendor.api.post(`/v1/orders/${orderId}/tracking`, { trackingNumber: newTrackingNumber() });
  await vendor.api.post(`/v1/orders/${orderId}/delivered`, {});
  await waitForStatus(vendor.api, orderId, 'COMPLETED');
  await save(name, orderId);
}

describe.skipIf(!RECORDING)('record order workflow histories', () => {
  beforeAll(async () => {
    stack = await startTestStack({
      policy: {
        reminderAfterMs: 1_000,
        secondReminderAfterMs: 2_000,
        escalateAfterMs: 3_000,
        holdingPeriodMs: 1_000,
        supplierShipDeadline: { kind: 'duration', ms: 1_000 },
        notFoundAlertAfterMs: 2_000, // past the few ms the lifecycle's carrier pushes take after tracking
      },
    });
    vendor = await stack.createVendor();
  });
  afterAll(async () => stack?.stop());

  it('records a full lifecycle with the SLA ladder, supplier alert, carrier delivery and release', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    await stack.mail.waitFor((m) => m.subject.startsWith('Escalation'), { timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const recorded = await vendor.api.post(
      `/v1/orders/${order.id}/supplier-order`,
      (await import('../support/fixtures')).supplierOrderBody(),
    );
    if (recorded.status !== 200) throw new Error(JSON.stringify(recorded.body));
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // past the supplier-ship deadline
    const tracked = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newTrackingNumber() });
    if (tracked.status !== 200) throw new Error(JSON.stringify(tracked.body));
    await signalCarrier(stack, order.id, {
      status: 'InTransit',
      subStatus: 'InTransit_Departure',
      lastEventAt: '2026-11-20T08:00:00Z',
    });
    await deliveredByCarrier(order.id);
    await save('lifecycle-carrier-delivered', order.id);
  });

  it('records a shipped order the carrier has no data for, then its delivery and release', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const alert = `The carrier has no data for this tracking number: order ${body.externalId}`;
    await stack.mail.waitFor((m) => m.subject === alert, { timeoutMs: 10_000 });
    await deliveredByCarrier(order.id);
    await save('no-carrier-data', order.id);
  });

  it('records a tracking number corrected while shipped, then delivery by the carrier and release', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const right = newTrackingNumber();
    const corrected = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: right });
    if (corrected.status !== 200) throw new Error(JSON.stringify(corrected.body));
    await deliveredByCarrier(order.id, right);
    await save('tracking-corrected', order.id);
  });

  it('records a supplier order alerted on, bought again and alerted on anew, its amount fixed, to the release', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const { supplierOrderBody } = await import('../support/fixtures');
    const alert = `The supplier has not shipped yet: order ${body.externalId}`;
    const alerts = () => stack.mail.messages.filter((m) => m.subject === alert).length;
    const record = async (purchase: ReturnType<typeof supplierOrderBody>) => {
      const recorded = await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, purchase);
      if (recorded.status !== 200) throw new Error(JSON.stringify(recorded.body));
    };
    await record(supplierOrderBody());
    await stack.mail.waitFor((m) => m.subject === alert, { timeoutMs: 10_000 });
    const again = supplierOrderBody();
    await record(again);
    await record({ ...again, amountPaid: { amount: 870, currency: 'USD' } });
    while (alerts() < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    await shippedDeliveredAndSaved(order.id, 'supplier-order-corrected');
  });

  it('records an order bought at the other supplier than its line names, through to the release', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const { supplierOrderBody } = await import('../support/fixtures');
    const bought = await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, {
      ...supplierOrderBody(),
      supplier: 'cj',
    });
    if (bought.status !== 200) throw new Error(JSON.stringify(bought.body));
    await shippedDeliveredAndSaved(order.id, 'bought-at-other-supplier');
  });

  it('records a shipping address changed by the store before the supplier order, through to the release', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const { CUSTOMER_ADDRESS, supplierOrderBody } = await import('../support/fixtures');
    const movedTo = { ...CUSTOMER_ADDRESS, line1: 'Rua Ferreira Borges 40', city: 'Coimbra', postalCode: '3000-180' };
    const changed = await stack.platform.post(`/v1/orders/${order.id}/shipping-address`, { shippingAddress: movedTo });
    if (changed.status !== 200) throw new Error(JSON.stringify(changed.body));
    const bought = await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody(movedTo));
    if (bought.status !== 200) throw new Error(JSON.stringify(bought.body));
    await shippedDeliveredAndSaved(order.id, 'shipping-address-changed');
  });

  /** An order delivered by its vendor, then disputed, the dispute resolved for `outcome`. */
  async function disputedOrder(reason: string, outcome: 'vendor' | 'customer'): Promise<string> {
    const { order } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    await stack.platform.post(`/v1/orders/${order.id}/dispute`, { reason });
    await stack.platform.post(`/v1/orders/${order.id}/dispute/resolve`, { outcome });
    return order.id;
  }

  it('records a dispute resolved for the customer', async () => {
    await save('dispute-refunded', await disputedOrder('Broken on arrival', 'customer'));
  });

  it('records a dispute resolved for the vendor, then the release', async () => {
    const orderId = await disputedOrder('Customer says it never arrived', 'vendor');
    await waitForStatus(vendor.api, orderId, 'COMPLETED');
    await save('dispute-released', orderId);
  });

  it('records a dispute opened before delivery ("never arrived") and resolved for the customer', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    await stack.platform.post(`/v1/orders/${order.id}/dispute`, { reason: 'Never arrived' });
    await stack.mail.waitFor((m) => m.subject === `Dispute opened on order ${body.externalId}, not yet delivered`);
    await stack.platform.post(`/v1/orders/${order.id}/dispute/resolve`, { outcome: 'customer' });
    await save('shipped-dispute-refunded', order.id);
  });

  it('records a dispute opened before delivery, the carrier delivering meanwhile, resolved for the vendor', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, trackingNumber);
    await stack.platform.post(`/v1/orders/${order.id}/dispute`, { reason: 'Not here yet' });
    await signalCarrier(stack, order.id, {
      status: 'Delivered',
      subStatus: 'Delivered_Other',
      lastEventAt: '2026-12-07T08:00:00Z',
      trackingNumber,
    });
    await waitForStatus(vendor.api, order.id, 'DELIVERED');
    await stack.platform.post(`/v1/orders/${order.id}/dispute/resolve`, { outcome: 'vendor' });
    await waitForStatus(vendor.api, order.id, 'COMPLETED');
    await save('shipped-dispute-released', order.id);
  });

  it('records a reshipment: shipped, bought again, the tracking corrected to the new parcel, to the release', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const { supplierOrderBody } = await import('../support/fixtures');
    await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, { ...supplierOrderBody(), supplier: 'cj' });
    const newParcel = newTrackingNumber();
    await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newParcel });
    await deliveredByCarrier(order.id, newParcel);
    await save('reshipped', order.id);
  });

  it('records an order whose customer email the SMTP server refuses, through to its release', async () => {
    const { order } = await placeOrder(stack, vendor.id, {
      customer: { name: 'Ana Silva', email: 'ana@shop.invalid' }, // the mail catcher refuses .invalid with 550
    });
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    await save('refused-customer-email', order.id);
  });

  it('records an order whose customer email the store corrects after a refusal, through to its release', async () => {
    const { order } = await placeOrder(stack, vendor.id, {
      customer: { name: 'Ana Silva', email: 'ana@gmial.invalid' }, // the mail catcher refuses .invalid with 550
    });
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const changed = await stack.platform.post(`/v1/orders/${order.id}/customer-email`, { email: 'ana@example.com' });
    if (changed.status !== 200) throw new Error(JSON.stringify(changed.body));
    await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    await save('customer-email-changed', order.id);
  });

  it('records an order told by the outbox relay of an email refused after an outage', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    // What activities/outboxRelay.ts sends when the server refuses an email it held through an outage.
    await stack.client.workflow.getHandle(orderWorkflowId(order.id)).signal(emailRefusedSignal, {
      email: 'customer-shipped',
      to: body.customer.email,
      reply: '550 5.1.2 no such domain',
    });
    await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    await save('relayed-refusal', order.id);
  });

  it('records a cancellation', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    await stack.platform.post(`/v1/orders/${order.id}/cancel`, { reason: 'Fraud check failed' });
    await save('cancelled', order.id);
  });

  it('records a cancellation by the vendor, before the supplier order', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const cancelled = await vendor.api.post(`/v1/orders/${order.id}/cancel`, {
      reason: 'Out of stock at the supplier',
    });
    if (cancelled.status !== 200) throw new Error(JSON.stringify(cancelled.body));
    await save('vendor-cancelled', order.id);
  });

  it('records a run of each Schedule workflow', async () => {
    await saveScheduleRun('intake-repair', 'intakeRepairWorkflow', [{ olderThanMs: 0, maxOrders: 1_000 }]);
    await saveScheduleRun('tracking-refresh', 'trackingRefreshWorkflow', [{ olderThanMs: 0, maxParcels: 1_000 }]);
    await saveScheduleRun('outbox-relay', 'outboxRelayWorkflow', [
      { olderThanMs: 0, giveUpAfterMs: 86_400_000, maxEmails: 500 },
    ]);
    await saveScheduleRun('retention-sweep', 'retentionSweepWorkflow', [
      { idempotencyKeyTtlMs: 86_400_000, webhookReceiptTtlMs: 2_592_000_000, batchSize: 5_000 },
    ]);
    await saveScheduleRun('storefront-webhooks', 'storefrontWebhookWorkflow', [
      { ...STOREFRONT_RELAY, runForMs: 1_000 },
    ]);
  });
});

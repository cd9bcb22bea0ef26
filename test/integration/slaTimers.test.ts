// Every timer of the lifecycle with the durations scaled down (PRODUCT §9 allows `3s`): the SLA ladder,
// the supplier-ship deadline, the no-carrier-data alert and the holding period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_STATUS, SLA_BREACHED } from '../../src/temporal/searchAttributes';
import { orderWorkflowId } from '../../workflows/messages';
import { supplierOrderBody } from '../support/fixtures';
import { newTrackingNumber, placeOrder, shipOrder, signalCarrier, waitForStatus } from '../support/orderFlow';
import { type TestStack, startTestStack } from '../support/testStack';

const SECOND = 1000;
let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack({
    policy: {
      reminderAfterMs: 3 * SECOND,
      secondReminderAfterMs: 6 * SECOND,
      escalateAfterMs: 9 * SECOND,
      supplierShipDeadline: { kind: 'duration', ms: 3 * SECOND },
      notFoundAlertAfterMs: 3 * SECOND,
      holdingPeriodMs: 3 * SECOND,
    },
  });
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

describe('SLA ladder while awaiting the supplier order', () => {
  it('reminds the vendor at the first and second threshold, escalates to ops at the third, and flags SlaBreached', async () => {
    const startedAt = Date.now();
    const { order, body } = await placeOrder(stack, vendor.id);
    const [escalation] = await stack.mail.waitFor((m) => m.subject.startsWith(`Escalation: order ${body.externalId}`), {
      timeoutMs: 20 * SECOND,
    });
    const reminders = stack.mail.messages.filter(
      (m) => m.subject === `Reminder: order ${body.externalId} is waiting for the supplier purchase`,
    );
    expect(reminders).toHaveLength(2);
    expect(reminders.every((m) => m.to[0] === vendor.email)).toBe(true);
    expect(escalation!.to).toEqual(['ops@test.local']);
    // Ops sign in to no vendor's dashboard: their link opens the order's workflow in the Web UI.
    expect(escalation!.text).toContain(
      `Workflow in the Temporal Web UI: http://temporal-ui.test/namespaces/default/workflows/order-${order.id}`,
    );
    expect(escalation!.text).not.toContain('/dashboard#');
    const at = (iso: string) => Date.parse(iso) - startedAt;
    expect(at(reminders[0]!.receivedAt)).toBeGreaterThanOrEqual(3 * SECOND);
    expect(at(reminders[1]!.receivedAt)).toBeGreaterThanOrEqual(6 * SECOND);
    expect(at(escalation!.receivedAt)).toBeGreaterThanOrEqual(9 * SECOND);
    // The scaled-down policy is worded as configured, not rounded to whole hours ("within 0 h").
    const [newOrder] = stack.mail.messages.filter((m) =>
      m.subject.startsWith(`New dropshipping order ${body.externalId}`),
    );
    expect(newOrder!.subject).toBe(
      `New dropshipping order ${body.externalId}: order from the supplier within 3 seconds`,
    );
    expect(newOrder!.text).toContain('within 3 seconds.');
    expect(reminders.map((m) => m.html.match(/has waited [\w ]+/)?.[0])).toEqual([
      'has waited 3 seconds',
      'has waited 6 seconds',
    ]);
    expect(escalation!.html).toContain('unprocessed for 9 seconds');

    const { typedSearchAttributes } = await stack.client.workflow.getHandle(orderWorkflowId(order.id)).describe();
    expect(typedSearchAttributes.get(SLA_BREACHED)).toBe(true);
    expect(typedSearchAttributes.get(ORDER_STATUS)).toBe('AWAITING_SUPPLIER_ORDER');
    const row = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect(row.slaBreached).toBe(true);
    expect(row.events.filter((e: { type: string }) => e.type === 'sla.breached')).toHaveLength(1);

    // Ops' one query in the Web UI: every order past the first SLA still awaiting the supplier order.
    const query = `OrderStatus = 'AWAITING_SUPPLIER_ORDER' AND SlaBreached = true AND VendorId = '${vendor.id}'`;
    await expect
      .poll(
        async () => {
          const ids: string[] = [];
          for await (const run of stack.client.workflow.list({ query })) ids.push(run.workflowId);
          return ids;
        },
        { timeout: 10 * SECOND },
      )
      .toContain(orderWorkflowId(order.id));

    // The same list through the API: the dashboard's "Overdue" tab, and ops without the Web UI.
    const fresh = (await placeOrder(stack, vendor.id)).order;
    const ids = async (query: string) =>
      (await vendor.api.get(`/v1/orders?${query}`)).body.orders.map((o: { id: string }) => o.id);
    const overdue = await ids('status=AWAITING_SUPPLIER_ORDER&slaBreached=true');
    expect(overdue).toContain(order.id);
    expect(overdue).not.toContain(fresh.id);
    const onTime = await ids('slaBreached=false');
    expect(onTime).toContain(fresh.id);
    expect(onTime).not.toContain(order.id);
    const asPlatform = await stack.platform.get(`/v1/orders?vendorId=${vendor.id}&slaBreached=true`);
    expect(asPlatform.body.orders.map((o: { id: string }) => o.id)).toContain(order.id);
    expect((await vendor.api.get('/v1/orders?slaBreached=yes')).status).toBe(422);
    expect((await vendor.api.get('/v1/orders/counts')).body.overdue).toBe(overdue.length);
  });

  it('stops the ladder as soon as the supplier order is recorded', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    expect((await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody())).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 4 * SECOND));
    expect(stack.mail.messages.filter((m) => m.subject.startsWith(`Reminder: order ${body.externalId}`))).toHaveLength(
      0,
    );
  });
});

describe('alerts while the parcel is on its way', () => {
  it('alerts the vendor once when the supplier has not shipped by the deadline', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody());
    const [alert] = await stack.mail.waitFor(
      (m) => m.subject === `The supplier has not shipped yet: order ${body.externalId}`,
      { timeoutMs: 15 * SECOND },
    );
    expect(alert!.to).toEqual([vendor.email]);
    const events = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order.events.map(
      (e: { type: string }) => e.type,
    );
    expect(events).toContain('alert.supplier_not_shipped');
    // The order needs the vendor until it ships: flagged in the list, and no longer once tracking is in.
    const listed = async () =>
      (await vendor.api.get('/v1/orders?status=SUPPLIER_ORDERED')).body.orders.find(
        (o: { id: string }) => o.id === order.id,
      );
    expect((await listed()).needsAttention).toBe('supplier-not-shipped');
    const tracked = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newTrackingNumber() });
    expect(tracked.body.order.needsAttention).toBeNull();
  });

  it('alerts the vendor when the carrier has no data for the number after the configured time', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const [alert] = await stack.mail.waitFor(
      (m) => m.subject === `The carrier has no data for this tracking number: order ${body.externalId}`,
      { timeoutMs: 15 * SECOND },
    );
    expect(alert!.to).toEqual([vendor.email]);
    expect(alert!.text).toContain('correct it on the order page');
    // On the timeline, and the order needs the vendor until the carrier has data for the number.
    const shipped = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect(shipped.events.filter((e: { type: string }) => e.type === 'alert.no_carrier_data')).toEqual([
      expect.objectContaining({ actor: 'system', data: { afterMs: 3 * SECOND } }),
    ]);
    expect(shipped.needsAttention).toBe('carrier-no-data');
    await signalCarrier(stack, order.id, {
      status: 'InTransit',
      subStatus: 'InTransit_PickedUp',
      lastEventAt: new Date().toISOString(),
    });
    await expect
      .poll(async () => (await vendor.api.get(`/v1/orders/${order.id}`)).body.order.needsAttention, {
        timeout: 10 * SECOND,
      })
      .toBeNull();
  });

  it('starts the wait afresh for a corrected number: unflagged at once, alerted again if it has no data either', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const subject = `The carrier has no data for this tracking number: order ${body.externalId}`;
    await stack.mail.waitFor((m) => m.subject === subject, { timeoutMs: 15 * SECOND });
    const correctedAt = Date.now();
    const right = newTrackingNumber();
    const corrected = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: right });
    expect(corrected.status).toBe(200);
    expect(corrected.body.order.needsAttention).toBeNull();
    const alerts = await stack.mail.waitFor((m) => m.subject === subject, { count: 2, timeoutMs: 15 * SECOND });
    expect(Date.parse(alerts[1]!.receivedAt) - correctedAt).toBeGreaterThanOrEqual(3 * SECOND);
    expect(alerts[1]!.text).toContain(right);
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.needsAttention).toBe('carrier-no-data');
  });

  it('sends no carrier-data alert when the carrier scanned the parcel before the alert was due', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    await signalCarrier(stack, order.id, {
      status: 'InTransit',
      subStatus: 'InTransit_PickedUp',
      lastEventAt: new Date().toISOString(),
    });
    await new Promise((resolve) => setTimeout(resolve, 5 * SECOND)); // past the 3 s alert
    expect(
      stack.mail.messages.filter(
        (m) => m.subject.endsWith(`: order ${body.externalId}`) && m.subject.startsWith('The carrier has no data'),
      ),
    ).toHaveLength(0);
    const events = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order.events.map(
      (e: { type: string }) => e.type,
    );
    expect(events).not.toContain('alert.no_carrier_data');
  });
});

describe('holding period', () => {
  it('keeps the earnings pending until the holding period ends, then makes them available', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const deliveredAt = Date.now();
    await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.earnings.status).toBe('pending');
    const completed = await waitForStatus(vendor.api, order.id, 'COMPLETED', 15 * SECOND);
    expect(Date.now() - deliveredAt).toBeGreaterThanOrEqual(3 * SECOND);
    expect(completed.earnings.status).toBe('available');
  });
});

describe("the Web UI's current details", () => {
  it('tell ops where the order stands and what it waits for next, with the time of the next timer', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const handle = stack.client.workflow.getHandle(orderWorkflowId(order.id));
    // What the Web UI asks the worker for, on the workflow's page.
    const details = async () =>
      (await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata')).currentDetails;
    const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const createdAt = Date.parse(order.createdAt);
    await expect.poll(details).toContain('**Awaiting the supplier order**');
    // The first reminder is 3 s after the order was created: the same minute, or the next.
    expect(await details()).toMatch(
      new RegExp(
        `Next: the vendor records the supplier order, or the first reminder, (${minute(createdAt)}|${minute(createdAt + 60_000)})`,
      ),
    );

    await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody());
    await expect.poll(details).toContain('**Bought at the supplier, awaiting tracking**');
    expect(await details()).toContain('Next: the vendor enters tracking, or the "supplier has not shipped" alert, ');

    const trackingNumber = newTrackingNumber();
    await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber, carrier: 3011 });
    await expect.poll(details).toContain('**Shipped**');
    expect(await details()).toContain(`Tracking ${trackingNumber} (17TRACK carrier 3011): no carrier data yet`);
    await signalCarrier(stack, order.id, {
      status: 'InTransit',
      subStatus: 'InTransit_PickedUp',
      lastEventAt: new Date().toISOString(),
    });
    await expect.poll(details).toContain('carrier status InTransit (InTransit_PickedUp)');
    expect(await details()).toContain('Next: delivery, reported by the carrier or the vendor');

    await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    await expect.poll(details).toContain('**Delivered, earnings pending**');
    expect(await details()).not.toContain('Next: delivery'); // what it waited for as shipped, no longer
    await expect.poll(details).toContain('Next: the earnings are released, ');
  });
});

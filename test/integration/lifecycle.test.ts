// The order lifecycle through the HTTP API (PRODUCT §2-4): vendor actions, the address guard, tracking
// events, disputes, cancellation and the emails, on a real Temporal server, PostgreSQL and SMTP receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderWorkflowId } from '../../workflows/messages';
import { CUSTOMER_ADDRESS, VENDOR_ADDRESS, supplierOrderBody } from '../support/fixtures';
import {
  newTrackingNumber,
  placeOrder,
  shipOrder,
  signalCarrier,
  waitForStatus,
  workflowState,
} from '../support/orderFlow';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;
let failNextShippedEmail = false;

beforeAll(async () => {
  stack = await startTestStack({
    policy: { holdingPeriodMs: 2_000 },
    afterEmailSent(key) {
      // Crash drill: the first customer-shipped send dies after SMTP accepted it, before the activity returns.
      if (failNextShippedEmail && key.endsWith(':customer-shipped:1')) {
        failNextShippedEmail = false;
        throw new Error('worker crashed after the SMTP send');
      }
    },
  });
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

const mailsFor = (externalId: string) => stack.mail.messages.filter((m) => m.subject.includes(externalId));

describe('happy path', () => {
  it('runs an order from paid to COMPLETED, with the right emails and earnings', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const trackingNumber = newTrackingNumber();
    const shipped = await shipOrder(vendor.api, order.id, trackingNumber);
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.supplierOrder).toMatchObject({
      supplier: 'aliexpress',
      amountPaid: { amount: 850, currency: 'USD' },
    });
    expect(shipped.tracking).toMatchObject({
      number: trackingNumber,
      carrier: 3011,
      url: `https://t.17track.net/en#nums=${trackingNumber}`,
    });

    const [shippedMail] = await stack.mail.waitFor((m) => m.subject === `Your order ${body.externalId} has shipped`);
    expect(shippedMail!.to).toEqual([body.customer.email]);
    expect(shippedMail!.text).toContain('Carrier: China Post');
    expect(shippedMail!.text).toContain(`Tracking number: ${trackingNumber}`);
    expect(shippedMail!.html).toContain(`https://t.17track.net/en#nums=${trackingNumber}`);

    const delivered = await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    expect(delivered.status).toBe(200);
    expect(delivered.body.order.status).toBe('DELIVERED');
    expect(delivered.body.order.earnings).toMatchObject({ status: 'pending', amount: 2999 - 850 - 300 });

    const completed = await waitForStatus(vendor.api, order.id, 'COMPLETED');
    expect(completed.earnings).toEqual({ amount: 1849, currency: 'USD', status: 'available' });
    expect(completed.events.map((e: { type: string }) => e.type)).toEqual([
      'order.created',
      'supplier_order.recorded',
      'tracking.added',
      'delivered',
      'earnings.released',
    ]);
    expect(completed.events[1].actor).toBe(`vendor:${vendor.id}`);

    const [available] = await stack.mail.waitFor(
      (m) => m.subject === `Earnings of order ${body.externalId} are available for payout`,
    );
    expect(available!.to).toEqual([vendor.email]);
    expect(available!.text).toContain('$18.49');
    const subjects = mailsFor(body.externalId).map((m) => m.subject);
    expect(subjects).toEqual([
      `New dropshipping order ${body.externalId}: order from the supplier within 24 hours`,
      `Your order ${body.externalId} has shipped`,
      `Your order ${body.externalId} was delivered`,
      `Earnings of order ${body.externalId} are available for payout`,
    ]);

    const earnings = await vendor.api.get('/v1/vendors/me/earnings');
    expect(earnings.body.available).toEqual({ amount: 1849, currency: 'USD' });
    expect(earnings.body.pending).toEqual({ amount: 0, currency: 'USD' });
    expect(await stack.client.workflow.getHandle(orderWorkflowId(order.id)).result()).toEqual({ status: 'COMPLETED' });
    expect(stack.track17.parcels.get(trackingNumber)?.tracking).toBe(false); // tracking stopped after delivery
  });
});

describe('address guard', () => {
  it("rejects the vendor's own address with 422 ADDRESS_MISMATCH naming the fields, and changes nothing", async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const response = await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody(VENDOR_ADDRESS));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('ADDRESS_MISMATCH');
    const fields = response.body.error.details.differences.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'line1', 'city', 'postalCode']));
    const after = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect(after.status).toBe('AWAITING_SUPPLIER_ORDER');
    expect(after.supplierOrder).toBeNull();
    expect(after.events).toHaveLength(1);
  });

  it('accepts the customer address written differently: case, spacing, punctuation, country form', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const shipTo = {
      name: '  ANA  silva ',
      line1: 'Rua das Flores, 12, 3 Esq.',
      city: 'PORTO',
      postalCode: '4000 123',
      country: 'Portugal',
    };
    const response = await vendor.api.post(
      `/v1/orders/${order.id}/supplier-order`,
      supplierOrderBody({ ...CUSTOMER_ADDRESS, ...shipTo, line2: undefined }),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.order.status).toBe('SUPPLIER_ORDERED');
  });

  it('rejects a different house number even when everything else matches', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const response = await vendor.api.post(
      `/v1/orders/${order.id}/supplier-order`,
      supplierOrderBody({ ...CUSTOMER_ADDRESS, line1: 'Rua das Flores 21' }),
    );
    expect(response.status).toBe(422);
    expect(response.body.error.details.differences).toEqual([
      { field: 'line1', expected: 'Rua das Flores 12', actual: 'Rua das Flores 21' },
    ]);
  });
});

describe('actions that do not fit the status', () => {
  it('answers 409 INVALID_STATE and changes nothing, at every step', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const expectInvalid = async (path: string, body: unknown, api = vendor.api) => {
      const before = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
      const response = await api.post(`/v1/orders/${order.id}${path}`, body);
      expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(409);
      expect(response.body.error.code).toBe('INVALID_STATE');
      const after = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
      expect(after.status).toBe(before.status);
      expect(after.events).toHaveLength(before.events.length);
    };
    // AWAITING_SUPPLIER_ORDER
    await expectInvalid('/tracking', { trackingNumber: newTrackingNumber() });
    await expectInvalid('/delivered', {});
    await expectInvalid('/dispute', { reason: 'never arrived' }, stack.platform);
    await expectInvalid('/dispute/resolve', { outcome: 'vendor' }, stack.platform);
    // SUPPLIER_ORDERED
    expect((await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody())).status).toBe(200);
    // (the supplier order again is a correction here: test/integration/supplierOrderCorrection.test.ts)
    await expectInvalid('/delivered', {});
    await expectInvalid('/cancel', { reason: 'changed my mind' }); // the vendor has paid the supplier
    // SHIPPED
    expect(
      (await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newTrackingNumber() })).status,
    ).toBe(200);
    // (tracking again is a correction here: test/integration/tracking.test.ts; another supplier order a reshipment:
    // test/integration/supplierOrderCorrection.test.ts)
    await expectInvalid('/cancel', { reason: 'too late' }, stack.platform);
    await expectInvalid('/dispute/resolve', { outcome: 'customer' }, stack.platform); // none open
    // (a dispute can be opened here, "never arrived": the disputes below)
    // COMPLETED
    expect((await vendor.api.post(`/v1/orders/${order.id}/delivered`, {})).status).toBe(200);
    await waitForStatus(vendor.api, order.id, 'COMPLETED');
    await expectInvalid('/delivered', {});
    await expectInvalid('/tracking', { trackingNumber: newTrackingNumber() });
    await expectInvalid('/supplier-order', supplierOrderBody());
    await expectInvalid('/dispute', { reason: 'late dispute' }, stack.platform);
  });
});

describe('disputes', () => {
  it('pauses the release while open; resolved for the vendor, the earnings become available; the vendor is told', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    const opened = await stack.platform.post(`/v1/orders/${order.id}/dispute`, { reason: 'Item arrived scratched' });
    expect(opened.status).toBe(200);
    expect(opened.body.order.disputeOpen).toBe(true);
    // Ops find the disputes left open (GET /metrics counts them) by listing them.
    const disputed = async () =>
      (await stack.platform.get('/v1/orders?status=DELIVERED&disputeOpen=true&limit=100')).body.orders.map(
        (o: { id: string }) => o.id,
      );
    expect(await disputed()).toContain(order.id);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // longer than the 2 s holding period
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order).toMatchObject({
      status: 'DELIVERED',
      earnings: { status: 'pending' },
    });
    const resolved = await stack.platform.post(`/v1/orders/${order.id}/dispute/resolve`, { outcome: 'vendor' });
    expect(resolved.status).toBe(200);
    const completed = await waitForStatus(vendor.api, order.id, 'COMPLETED');
    expect(completed.earnings.status).toBe('available');
    expect(await disputed()).not.toContain(order.id);

    // The vendor heard of each step, once each and in order, before the earnings email.
    await stack.mail.waitFor((m) => m.subject === `Earnings of order ${body.externalId} are available for payout`);
    const vendorMails = mailsFor(body.externalId).filter((m) => m.to[0] === vendor.email);
    expect(vendorMails.map((m) => m.subject).slice(1)).toEqual([
      `Dispute opened on order ${body.externalId}: your earnings are on hold`,
      `Dispute on order ${body.externalId} resolved in your favour`,
      `Earnings of order ${body.externalId} are available for payout`,
    ]);
    expect(vendorMails[1]!.text).toContain('“Item arrived scratched”');
    expect(vendorMails[1]!.text).toContain('Your earnings of $18.49 from this order are on hold');
  });

  it('resolved for the customer, reverses the earnings and ends REFUNDED, and the vendor is told', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    await stack.platform.post(`/v1/orders/${order.id}/dispute`, { reason: 'Wrong colour' });
    const resolved = await stack.platform.post(`/v1/orders/${order.id}/dispute/resolve`, { outcome: 'customer' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.order).toMatchObject({ status: 'REFUNDED', earnings: { status: 'reversed', amount: 1849 } });
    const entries = await stack.prisma.earningsEntry.findMany({ where: { orderId: order.id } });
    const byBucket = (bucket: string) =>
      entries.filter((e) => e.bucket === bucket).reduce((sum, e) => sum + e.amount, 0);
    expect([byBucket('PENDING'), byBucket('AVAILABLE'), byBucket('REVERSED')]).toEqual([0, 0, 1849]);
    expect(await stack.client.workflow.getHandle(orderWorkflowId(order.id)).result()).toEqual({ status: 'REFUNDED' });
    const subjects = mailsFor(body.externalId)
      .filter((m) => m.to[0] === vendor.email)
      .map((m) => m.subject);
    expect(subjects.slice(1)).toEqual([
      `Dispute opened on order ${body.externalId}: your earnings are on hold`,
      `Dispute on order ${body.externalId} resolved for the customer: earnings reversed`,
    ]);
  });
});

describe('disputes before delivery (the customer says it never arrived)', () => {
  const openedBeforeDelivery = async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, trackingNumber);
    const opened = await stack.platform.post(`/v1/orders/${order.id}/dispute`, { reason: 'Never arrived' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.order).toMatchObject({ status: 'SHIPPED', disputeOpen: true, earnings: null });
    // The vendor hears of it while the parcel is still on its way, not once the order moves on.
    const [toVendor] = await stack.mail.waitFor(
      (m) => m.subject === `Dispute opened on order ${body.externalId}, not yet delivered`,
    );
    expect(toVendor!.to).toEqual([vendor.email]);
    expect(toVendor!.text).toContain('shipped but not yet delivered to Ana Silva: “Never arrived”');
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.status).toBe('SHIPPED');
    return { order, body, trackingNumber };
  };

  it('resolved for the customer: REFUNDED with no earnings, tracking stopped, the vendor told', async () => {
    const { order, body, trackingNumber } = await openedBeforeDelivery();
    const listed = await stack.platform.get('/v1/orders?status=SHIPPED&disputeOpen=true&limit=100');
    expect(listed.body.orders.map((o: { id: string }) => o.id)).toContain(order.id);

    const resolved = await stack.platform.post(`/v1/orders/${order.id}/dispute/resolve`, { outcome: 'customer' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.order).toMatchObject({ status: 'REFUNDED', disputeOpen: false, earnings: null });
    expect(await stack.client.workflow.getHandle(orderWorkflowId(order.id)).result()).toEqual({ status: 'REFUNDED' });
    // Nothing was earned, so nothing is reversed: the vendor's reversed balance does not grow by a sale it never made.
    expect(await stack.prisma.earningsEntry.count({ where: { orderId: order.id } })).toBe(0);
    expect(stack.track17.parcels.get(trackingNumber)?.tracking).toBe(false);
    await stack.mail.waitFor(
      (m) => m.subject === `Dispute on order ${body.externalId} resolved for the customer: order refunded`,
    );
    expect(mailsFor(body.externalId).map((m) => m.subject)).toEqual([
      `New dropshipping order ${body.externalId}: order from the supplier within 24 hours`,
      `Your order ${body.externalId} has shipped`,
      `Dispute opened on order ${body.externalId}, not yet delivered`,
      `Dispute on order ${body.externalId} resolved for the customer: order refunded`,
    ]); // and no "delivered" email to the customer
    // Refunded, it takes nothing more: no delivery, no second dispute.
    expect((await vendor.api.post(`/v1/orders/${order.id}/delivered`, {})).status).toBe(409);
    expect((await stack.platform.post(`/v1/orders/${order.id}/dispute`, { reason: 'again' })).status).toBe(409);
  });

  it('delivered while open: the earnings are held past the holding period until it is resolved', async () => {
    const { order, body, trackingNumber } = await openedBeforeDelivery();
    await signalCarrier(stack, order.id, {
      status: 'Delivered',
      subStatus: 'Delivered_Other',
      lastEventAt: '2026-12-07T08:00:00Z',
      trackingNumber,
    });
    const delivered = await waitForStatus(vendor.api, order.id, 'DELIVERED');
    expect(delivered).toMatchObject({ disputeOpen: true, earnings: { status: 'pending', amount: 1849 } });
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // longer than the 2 s holding period
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.status).toBe('DELIVERED');

    expect((await stack.platform.post(`/v1/orders/${order.id}/dispute/resolve`, { outcome: 'vendor' })).status).toBe(
      200,
    );
    const completed = await waitForStatus(vendor.api, order.id, 'COMPLETED');
    expect(completed.earnings).toEqual({ amount: 1849, currency: 'USD', status: 'available' });
    await stack.mail.waitFor((m) => m.subject === `Earnings of order ${body.externalId} are available for payout`);
    expect(
      mailsFor(body.externalId)
        .filter((m) => m.to[0] === vendor.email)
        .map((m) => m.subject)
        .slice(1),
    ).toEqual([
      `Dispute opened on order ${body.externalId}, not yet delivered`,
      `Dispute on order ${body.externalId} resolved in your favour`,
      `Earnings of order ${body.externalId} are available for payout`,
    ]);
  });
});

describe('cancellation', () => {
  it('cancels before shipment: the workflow ends CANCELLED and customer and vendor are told', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const response = await stack.platform.post(`/v1/orders/${order.id}/cancel`, { reason: 'Payment reversed' });
    expect(response.status).toBe(200);
    expect(response.body.order).toMatchObject({ status: 'CANCELLED', cancelReason: 'Payment reversed' });
    expect(await stack.client.workflow.getHandle(orderWorkflowId(order.id)).result()).toEqual({ status: 'CANCELLED' });
    const mails = await stack.mail.waitFor((m) => m.subject.includes(`${body.externalId} was cancelled`), { count: 2 });
    expect(mails.flatMap((m) => m.to).sort()).toEqual([body.customer.email, vendor.email].sort());
    // The platform cancelled it, so the store knows: ops get no refund notice (the workflow has ended by now).
    expect(
      stack.mail.messages.filter((m) => m.subject.includes(body.externalId) && m.to[0] === 'ops@test.local'),
    ).toEqual([]);
  });

  it('asks the vendor to cancel the supplier purchase when the platform cancels after it', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const purchase = supplierOrderBody();
    expect((await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, purchase)).status).toBe(200);
    expect((await stack.platform.post(`/v1/orders/${order.id}/cancel`, { reason: 'Fraud' })).status).toBe(200);
    const [toVendor] = await stack.mail.waitFor(
      (m) => m.to[0] === vendor.email && m.subject.includes(`${body.externalId} was cancelled`),
    );
    expect(toVendor!.subject).toBe(
      `Order ${body.externalId} was cancelled: cancel supplier order ${purchase.supplierOrderId}`,
    );
    expect(toVendor!.text).toContain(`You already ordered it from AliExpress (order ${purchase.supplierOrderId})`);
    expect(toVendor!.text).not.toContain('Do not order it');
  });

  it('lets the vendor cancel before buying from the supplier, and asks ops to refund the customer', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const response = await vendor.api.post(`/v1/orders/${order.id}/cancel`, { reason: 'Out of stock at the supplier' });
    expect(response.status).toBe(200);
    expect(response.body.order.events.at(-1)).toMatchObject({ type: 'cancelled', actor: `vendor:${vendor.id}` });
    // The customer is told the store will refund them; the store learns of it from ops' email, once.
    const [toOps] = await stack.mail.waitFor(
      (m) => m.subject === `Refund order ${body.externalId}: Lisbon Gadgets cancelled it`,
    );
    expect(toOps!.to).toEqual(['ops@test.local']);
    expect(toOps!.text).toContain('Out of stock at the supplier');
    expect(toOps!.text).toContain('payment of $29.99');
    expect(await stack.client.workflow.getHandle(orderWorkflowId(order.id)).result()).toEqual({ status: 'CANCELLED' });
    expect(stack.mail.messages.filter((m) => m.subject.startsWith(`Refund order ${body.externalId}`))).toHaveLength(1);

    // The order's emails list shows ops' refund email to the platform only: it is the marketplace's, not the vendor's.
    const listed = async (api: typeof vendor.api) => {
      await expect
        .poll(async () => (await api.get(`/v1/orders/${order.id}/emails`)).body.emails.map((e: any) => e.delivery))
        .not.toContain('sending');
      return (await api.get(`/v1/orders/${order.id}/emails`)).body.emails;
    };
    const atCancel = { delivery: 'sent', sentAt: expect.any(String), detail: null };
    const platformSees = await listed(stack.platform);
    expect(platformSees[0]).toMatchObject({ kind: 'vendor-new-order' }); // oldest first
    expect(platformSees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'vendor-new-order', reader: 'vendor', to: vendor.email, ...atCancel }),
        expect.objectContaining({
          kind: 'customer-cancelled',
          reader: 'customer',
          to: body.customer.email,
          ...atCancel,
        }),
        expect.objectContaining({ kind: 'ops-vendor-cancelled', reader: 'ops', to: 'ops@test.local', ...atCancel }),
      ]),
    );
    const vendorSees = await listed(vendor.api);
    expect(vendorSees.map((e: any) => e.kind)).toContain('customer-cancelled');
    expect(vendorSees.map((e: any) => e.reader)).not.toContain('ops');
  });
});

describe('carrier events', () => {
  it('ignores stale and duplicate events, and never moves a delivered order back', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const inTransit = {
      status: 'InTransit' as const,
      subStatus: 'InTransit_Arrival',
      lastEventAt: '2026-11-20T08:00:00Z',
      providersHash: '2',
    };
    await signalCarrier(stack, order.id, inTransit);
    await signalCarrier(stack, order.id, inTransit); // duplicate
    await signalCarrier(stack, order.id, {
      status: 'InfoReceived',
      subStatus: 'InfoReceived',
      lastEventAt: '2026-11-12T02:00:00Z',
      providersHash: '1',
    }); // stale
    await expect.poll(async () => (await workflowState(stack, order.id)).carrier?.subStatus).toBe('InTransit_Arrival');
    await signalCarrier(stack, order.id, {
      status: 'Delivered',
      subStatus: 'Delivered_Other',
      lastEventAt: '2026-11-24T10:02:00Z',
      providersHash: '3',
    });
    await waitForStatus(vendor.api, order.id, 'DELIVERED');
    await signalCarrier(stack, order.id, {
      status: 'InTransit',
      subStatus: 'InTransit_Other',
      lastEventAt: '2026-11-25T10:00:00Z',
      providersHash: '4',
    });
    const completed = await waitForStatus(vendor.api, order.id, 'COMPLETED');
    const types = completed.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'tracking.updated')).toHaveLength(2);
    expect(completed.events.find((e: { type: string }) => e.type === 'delivered').actor).toBe('carrier');
    expect(completed.tracking).toMatchObject({ carrierStatus: 'Delivered', subStatus: 'Delivered_Other' });
  });

  it('alerts the vendor once per carrier problem', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    await signalCarrier(stack, order.id, {
      status: 'Exception',
      subStatus: 'Exception_Delayed',
      lastEventAt: '2026-11-20T08:00:00Z',
    });
    await signalCarrier(stack, order.id, {
      status: 'Exception',
      subStatus: 'Exception_Other',
      lastEventAt: '2026-11-21T08:00:00Z',
    });
    await signalCarrier(stack, order.id, {
      status: 'DeliveryFailure',
      subStatus: 'DeliveryFailure_InvalidAddress',
      lastEventAt: '2026-11-22T08:00:00Z',
    });
    await stack.mail.waitFor((m) => m.subject === `Delivery failed: order ${body.externalId}`);
    const alerts = mailsFor(body.externalId).filter((m) => m.to.includes(vendor.email) && !m.subject.startsWith('New'));
    expect(alerts.map((m) => m.subject)).toEqual([
      `The carrier reports a problem: order ${body.externalId}`,
      `Delivery failed: order ${body.externalId}`,
    ]);
    expect(alerts[0]!.text).toContain('Exception_Delayed');
  });
});

describe('emails across crashes', () => {
  it('sends the shipped email exactly once when the activity dies after the SMTP send', async () => {
    failNextShippedEmail = true;
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    await expect.poll(() => failNextShippedEmail, { timeout: 10_000 }).toBe(false); // the fault fired
    const key = `${orderWorkflowId(order.id)}:customer-shipped:1`;
    await expect
      .poll(async () => (await stack.prisma.emailOutbox.findUnique({ where: { key } }))?.status, { timeout: 15_000 })
      .toBe('SENT');
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // room for a wrong second send to arrive
    expect(stack.mail.messages.filter((m) => m.subject === `Your order ${body.externalId} has shipped`)).toHaveLength(
      1,
    );
    expect((await stack.prisma.emailOutbox.findUnique({ where: { key } }))?.attempts).toBe(1);
  });
});

// The vendor corrects the supplier order until the supplier ships: a mistyped order number, or a purchase the
// supplier cancelled and the vendor made again. A new purchase starts the supplier's shipping deadline again. Once
// shipped and until delivered, a new purchase is a reshipment of a lost parcel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOrderProgress } from '../../src/db/sql/selectOrderProgress';
import { whyOutdated } from '../../src/mail/outdatedEmail';
import { SUPPLIER } from '../../src/temporal/searchAttributes';
import { orderWorkflowId } from '../../workflows/messages';
import { VENDOR_ADDRESS, regularOrderBody, supplierOrderBody } from '../support/fixtures';
import { newTrackingNumber, placeOrder } from '../support/orderFlow';
import { type TestStack, startTestStack } from '../support/testStack';

const SECOND = 1000;
let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack({ policy: { supplierShipDeadline: { kind: 'duration', ms: 3 * SECOND } } });
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

const recordPurchase = (orderId: string, purchase: ReturnType<typeof supplierOrderBody>) =>
  vendor.api.post(`/v1/orders/${orderId}/supplier-order`, purchase);
/** The order's timeline, but for the supplier's alert, which this file's 3 s deadline may fire at any time. */
const eventsOf = async (orderId: string) =>
  ((await vendor.api.get(`/v1/orders/${orderId}`)).body.order.events as { type: string; data: unknown }[]).filter(
    (e) => e.type !== 'alert.supplier_not_shipped',
  );

describe('correcting the supplier order', () => {
  it('replaces the purchase on the order and its timeline; the same purchase again changes nothing', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const first = supplierOrderBody();
    expect((await recordPurchase(order.id, first)).status).toBe(200);

    const again = {
      ...first,
      supplier: 'cj' as const,
      supplierOrderId: 'CJ-2026-778',
      amountPaid: { amount: 910, currency: 'USD' },
    };
    const corrected = await recordPurchase(order.id, again);
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.order.status).toBe('SUPPLIER_ORDERED');
    expect(corrected.body.order.supplierOrder).toMatchObject({
      supplier: 'cj',
      supplierOrderId: 'CJ-2026-778',
      amountPaid: { amount: 910, currency: 'USD' },
    });
    expect(corrected.body.order.events.at(-1)).toMatchObject({
      type: 'supplier_order.corrected',
      actor: `vendor:${vendor.id}`,
      data: {
        supplier: 'cj',
        supplierOrderId: 'CJ-2026-778',
        newPurchase: true,
        replaces: { supplier: 'aliexpress', supplierOrderId: first.supplierOrderId, amountPaid: first.amountPaid },
      },
    });

    // A double click or a retry: 200, and the timeline keeps one correction.
    const resent = await recordPurchase(order.id, again);
    expect(resent.status).toBe(200);
    expect(
      resent.body.order.events.filter((e: { type: string }) => e.type === 'supplier_order.corrected'),
    ).toHaveLength(1);
  });

  it("holds a correction to the customer's address, and refuses a supplier order once delivered", async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const first = supplierOrderBody();
    await recordPurchase(order.id, first);
    const before = await eventsOf(order.id);

    const ownAddress = await recordPurchase(order.id, supplierOrderBody(VENDOR_ADDRESS));
    expect(ownAddress.status).toBe(422);
    expect(ownAddress.body.error.code).toBe('ADDRESS_MISMATCH');
    expect(await eventsOf(order.id)).toHaveLength(before.length);

    expect(
      (await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newTrackingNumber() })).status,
    ).toBe(200);
    expect((await vendor.api.post(`/v1/orders/${order.id}/delivered`, {})).status).toBe(200);
    const late = await recordPurchase(order.id, supplierOrderBody());
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    const after = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect(after.supplierOrder.supplierOrderId).toBe(first.supplierOrderId);
  });

  it('lists an order bought at the other supplier under that one too, in the Web UI and the API', async () => {
    const { order } = await placeOrder(stack, vendor.id); // its line is at AliExpress
    const atCj = await recordPurchase(order.id, { ...supplierOrderBody(), supplier: 'cj' });
    expect(atCj.status).toBe(200);
    const handle = stack.client.workflow.getHandle(orderWorkflowId(order.id));
    expect((await handle.describe()).typedSearchAttributes.get(SUPPLIER)).toEqual(['aliexpress', 'cj']);
    const query = `Supplier = 'cj' AND VendorId = '${vendor.id}'`;
    await expect
      .poll(async () => {
        const ids: string[] = [];
        for await (const run of stack.client.workflow.list({ query })) ids.push(run.workflowId);
        return ids;
      })
      .toContain(orderWorkflowId(order.id));
    const listed = (await vendor.api.get('/v1/orders?supplier=cj')).body.orders.map((o: { id: string }) => o.id);
    expect(listed).toContain(order.id);
    // Bought where its line is: nothing to add.
    const { order: usual } = await placeOrder(stack, vendor.id);
    await recordPurchase(usual.id, supplierOrderBody());
    const usualHandle = stack.client.workflow.getHandle(orderWorkflowId(usual.id));
    expect((await usualHandle.describe()).typedSearchAttributes.get(SUPPLIER)).toEqual(['aliexpress']);
  });

  it('starts the shipping deadline again from a new purchase, with an alert of its own; a fixed amount does not', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const subject = `The supplier has not shipped yet: order ${body.externalId}`;
    const alerts = () => stack.mail.messages.filter((m) => m.subject === subject);
    const attention = async () => (await vendor.api.get(`/v1/orders/${order.id}`)).body.order.needsAttention;
    const first = supplierOrderBody();
    await recordPurchase(order.id, first);
    await stack.mail.waitFor((m) => m.subject === subject, { timeoutMs: 15 * SECOND });
    expect(await attention()).toBe('supplier-not-shipped');

    // The amount paid fixed: the same purchase, still late.
    const fixed = await recordPurchase(order.id, { ...first, amountPaid: { amount: 875, currency: 'USD' } });
    expect(fixed.body.order.events.at(-1).data.newPurchase).toBe(false);
    expect(fixed.body.order.needsAttention).toBe('supplier-not-shipped');

    // The supplier cancelled; the vendor bought again: no longer late, until the new purchase's deadline passes.
    const rebought = await recordPurchase(order.id, supplierOrderBody());
    const reboughtAt = Date.now();
    expect(rebought.body.order.needsAttention).toBeNull();
    // The outbox relay counts purchases as the workflow does: a late alert of the first one would not be sent.
    const progress = await selectOrderProgress(stack.pool, order.id);
    expect(progress).toMatchObject({ status: 'SUPPLIER_ORDERED', purchases: 2, trackingNumbers: 1 });
    expect(whyOutdated({ kind: 'vendor-alert', topic: 'supplier-not-shipped', occurrence: 1 }, progress!)).toBe(
      'the vendor recorded a new supplier purchase since',
    );
    await expect.poll(() => alerts().length, { timeout: 15 * SECOND }).toBe(2);
    expect(Date.parse(alerts()[1]!.receivedAt) - reboughtAt).toBeGreaterThanOrEqual(3 * SECOND - 100);
    expect(alerts().every((m) => m.to[0] === vendor.email)).toBe(true);
    expect(await attention()).toBe('supplier-not-shipped');
    const types = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order.events.map(
      (e: { type: string }) => e.type,
    );
    expect(types.filter((t: string) => t === 'alert.supplier_not_shipped')).toHaveLength(2);
    // Each purchase alerts once: no third email for the first purchase or the second.
    await new Promise((resolve) => setTimeout(resolve, 4 * SECOND));
    expect(alerts()).toHaveLength(2);
  });
});

describe('a reshipment (the parcel lost, the product bought again)', () => {
  it("records the new purchase on a shipped order, held to the customer's address, then its parcel's tracking", async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const first = supplierOrderBody();
    await recordPurchase(order.id, first);
    const lostParcel = newTrackingNumber();
    expect((await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: lostParcel })).status).toBe(200);
    const shipped = await eventsOf(order.id);

    // The seed's warning holds for the second purchase too: never the vendor's own address.
    const ownAddress = await recordPurchase(order.id, supplierOrderBody(VENDOR_ADDRESS));
    expect([ownAddress.status, ownAddress.body.error.code]).toEqual([422, 'ADDRESS_MISMATCH']);
    expect(await eventsOf(order.id)).toHaveLength(shipped.length);
    // The first purchase sent again (a retry) is not a reshipment.
    expect((await recordPurchase(order.id, first)).status).toBe(200);
    expect(await eventsOf(order.id)).toHaveLength(shipped.length);

    const second = { ...supplierOrderBody(), supplier: 'cj' as const, amountPaid: { amount: 920, currency: 'USD' } };
    const reshipped = await recordPurchase(order.id, second);
    expect(reshipped.status, JSON.stringify(reshipped.body)).toBe(200);
    expect(reshipped.body.order).toMatchObject({
      status: 'SHIPPED',
      supplierOrder: { supplier: 'cj', supplierOrderId: second.supplierOrderId },
      tracking: { number: lostParcel },
    });
    expect(reshipped.body.order.events.at(-1)).toMatchObject({
      type: 'supplier_order.reshipped',
      actor: `vendor:${vendor.id}`,
      data: {
        supplierOrderId: second.supplierOrderId,
        replaces: { supplier: 'aliexpress', supplierOrderId: first.supplierOrderId },
      },
    });
    expect((await recordPurchase(order.id, second)).status).toBe(200); // a double click
    expect((await eventsOf(order.id)).filter((e) => e.type === 'supplier_order.reshipped')).toHaveLength(1);
    // Bought at CJ this time: ops' Web UI query for CJ orders finds it.
    const handle = stack.client.workflow.getHandle(orderWorkflowId(order.id));
    expect((await handle.describe()).typedSearchAttributes.get(SUPPLIER)).toEqual(['aliexpress', 'cj']);

    // The new parcel's number replaces the lost one's, and the customer is told.
    const newParcel = newTrackingNumber();
    const retracked = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newParcel });
    expect(retracked.status).toBe(200);
    expect(retracked.body.order.tracking.number).toBe(newParcel);
    const [toCustomer] = await stack.mail.waitFor(
      (m) => m.subject === `New tracking details for your order ${body.externalId}`,
    );
    expect(toCustomer!.text).toContain('have changed (a wrong number, or your order sent again)');
    expect(toCustomer!.text).toContain(`tracking number ${lostParcel} will not show your parcel`);
  });

  it('is refused on an order without dropship lines, which has no supplier order', async () => {
    const { order } = (await stack.platform.post('/v1/orders', regularOrderBody(vendor.id))).body;
    expect(
      (await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newTrackingNumber() })).status,
    ).toBe(200);
    const refused = await recordPurchase(order.id, supplierOrderBody());
    expect([refused.status, refused.body.error.code]).toEqual([409, 'INVALID_STATE']);
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.supplierOrder).toBeNull();
  });
});

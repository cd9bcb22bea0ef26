// A chargeback after the holding period: the customer's payment is reversed once the vendor's earnings were released
// (and perhaps paid out). The marketplace takes them back once: the ledger, the order's timeline and the change feed
// say so, the vendor is emailed, and a vendor that was paid already owes it before its next payout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VendorsOwingSchema } from '../../src/http/responseSchemas';
import { CHARGEBACK_EMAIL_KIND } from '../../src/mail/chargebackEmail';
import { emailKey } from '../../src/mail/outboxKeys';
import { expectDocumented } from '../support/documentedShape';
import { newTrackingNumber, placeOrder, shipOrder, waitForStatus } from '../support/orderFlow';
import { runOutboxRelay } from '../support/scheduleRuns';
import { type TestStack, startTestStack } from '../support/testStack';

/** What one order of placeOrder earns its vendor. */
const EARNED = 1849;

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

/** An order of `vendor` taken to DELIVERED, and with `complete`, on to COMPLETED (its earnings released). */
async function deliveredOrder(complete: boolean) {
  const { order, body } = await placeOrder(stack, vendor.id);
  await shipOrder(vendor.api, order.id, newTrackingNumber());
  expect((await vendor.api.post(`/v1/orders/${order.id}/delivered`, {})).status).toBe(200);
  if (complete) await waitForStatus(vendor.api, order.id, 'COMPLETED');
  return { id: order.id as string, externalId: body.externalId };
}

const earnings = async () => (await vendor.api.get('/v1/vendors/me/earnings?limit=100')).body;
const chargeBack = (orderId: string, reason = 'The customer’s bank reversed the payment') =>
  stack.platform.post(`/v1/orders/${orderId}/chargeback`, { reason });

beforeAll(async () => {
  // Of its own: another file's outbox relay run would send this file's chargeback emails through that file's stack.
  stack = await startTestStack({ ownDatabase: 'chargebacks', policy: { holdingPeriodMs: 1_000 } });
  vendor = await stack.createVendor('Charged Back Goods');
});
afterAll(async () => {
  await stack?.stop();
});

describe('a chargeback', () => {
  it('takes a completed order’s released earnings back, once, on the ledger, the timeline and the change feed', async () => {
    const order = await deliveredOrder(true);
    expect((await earnings()).available.amount).toBe(EARNED);
    const charged = await chargeBack(order.id);
    expect(charged.status).toBe(200);
    expect(charged.body.order.status).toBe('COMPLETED'); // the workflow's last status; the money is what moved
    expect(charged.body.order.earnings).toEqual({ amount: EARNED, currency: 'USD', status: 'reversed' });
    const event = charged.body.order.events.at(-1);
    expect(event).toMatchObject({
      type: 'earnings.charged_back',
      actor: 'platform',
      data: { reason: 'The customer’s bank reversed the payment', amount: EARNED, currency: 'USD' },
    });

    const after = await earnings();
    expect([after.available.amount, after.reversed.amount]).toEqual([0, EARNED]);
    const moved = after.entries.filter((e: any) => e.reason === 'chargeback');
    expect(moved.map((e: any) => [e.bucket, e.amount.amount, e.orderId])).toEqual(
      expect.arrayContaining([
        ['available', -EARNED, order.id],
        ['reversed', EARNED, order.id],
      ]),
    );
    expect(moved).toHaveLength(2);

    // Again, say a retry after a timeout: the same order, nothing moved twice, no second event.
    const again = await chargeBack(order.id, 'Sent twice');
    expect(again.status).toBe(200);
    expect(again.body.order.events).toEqual(charged.body.order.events);
    expect(await earnings()).toEqual(after);

    const feed: any[] = [];
    let cursor: string | undefined;
    for (let more = true; more;) {
      const page: any = await stack.platform.get(`/v1/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      feed.push(...page.body.events.filter((e: any) => e.orderId === order.id));
      cursor = page.body.nextCursor;
      more = page.body.hasMore;
    }
    expect(feed.filter((e) => e.type === 'earnings.charged_back')).toHaveLength(1);
  });

  it('sent several times at once still takes the earnings back once', async () => {
    const order = await deliveredOrder(true);
    const before = (await earnings()).available.amount;
    const answers = await Promise.all([1, 2, 3].map(() => chargeBack(order.id)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const events = (await stack.platform.get(`/v1/orders/${order.id}`)).body.order.events;
    expect(events.filter((e: any) => e.type === 'earnings.charged_back')).toHaveLength(1);
    expect((await earnings()).available.amount).toBe(before - EARNED);
  });

  it('is emailed to the vendor once, by the outbox relay', async () => {
    const order = await deliveredOrder(true);
    expect((await chargeBack(order.id, 'Card reported stolen')).status).toBe(200);
    const subject = `Chargeback on order ${order.externalId}: $18.49 taken back`;
    const key = emailKey(order.id, CHARGEBACK_EMAIL_KIND, 1);
    expect((await runOutboxRelay(stack)).sent).toContain(key);
    const [mail] = await stack.mail.waitFor((m) => m.subject === subject);
    expect(mail!.to).toEqual([vendor.email]);
    expect(mail!.text).toContain(`for order ${order.externalId} was charged back: “Card reported stolen”`);
    expect(mail!.text).toContain('The $18.49 this order earned you is taken back from your available earnings');
    expect((await chargeBack(order.id)).status).toBe(200);
    expect((await runOutboxRelay(stack)).sent).not.toContain(key);
    expect(stack.mail.messages.filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it('after a payout leaves the vendor owing it, listed as owing, and its next payout waits until its earnings cover that', async () => {
    const order = await deliveredOrder(true);
    const { available } = await earnings();
    expect(available.amount).toBe(EARNED);
    const paid = await stack.platform.post(`/v1/vendors/${vendor.id}/payouts`, {
      externalId: `po-${order.id}`,
      amount: available,
    });
    expect(paid.status).toBe(201);
    expect((await chargeBack(order.id)).status).toBe(200);
    expect((await earnings()).available).toEqual({ amount: -EARNED, currency: 'USD' });
    const due = (await stack.platform.get('/v1/payouts/due?limit=100')).body.due;
    expect(due.some((row: any) => row.vendor.id === vendor.id)).toBe(false);
    // Listed where ops collect from: what it owes, per currency (this file's database: the one vendor owing).
    const owing = await stack.platform.get('/v1/payouts/owing');
    expect(owing.status).toBe(200);
    expectDocumented(VendorsOwingSchema, owing.body);
    expect(owing.body).toEqual({
      owing: [
        {
          vendor: { id: vendor.id, name: expect.any(String), email: vendor.email },
          owes: { amount: EARNED, currency: 'USD' },
        },
      ],
      nextCursor: null,
    });
    expect((await stack.platform.get('/v1/payouts/owing?currency=EUR')).body.owing).toEqual([]);
    const byVendor = await vendor.api.get('/v1/payouts/owing');
    expect([byVendor.status, byVendor.body.error.code]).toEqual([403, 'FORBIDDEN']);

    await deliveredOrder(true); // earns 18.49 more: the vendor is square, with nothing to pay out yet
    expect((await earnings()).available.amount).toBe(0);
    expect((await stack.platform.get('/v1/payouts/owing')).body.owing).toEqual([]);
    const tooSoon = await stack.platform.post(`/v1/vendors/${vendor.id}/payouts`, {
      externalId: `po-next-${order.id}`,
      amount: { amount: 1, currency: 'USD' },
    });
    expect([tooSoon.status, tooSoon.body.error.code]).toEqual([409, 'INSUFFICIENT_AVAILABLE']);
  });

  it('is refused with 409 before the earnings are released, with what to do instead, and changes nothing', async () => {
    const order = await deliveredOrder(false);
    const before = (await stack.platform.get(`/v1/orders/${order.id}`)).body.order;
    const refused = await chargeBack(order.id);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'INVALID_STATE']);
    expect(refused.body.error.message).toBe(
      'The order is DELIVERED: its earnings are still held, so open a dispute instead (POST /v1/orders/{id}/dispute)',
    );
    expect((await stack.platform.get(`/v1/orders/${order.id}`)).body.order).toEqual(before);
    // A payment reversed before delivery is a dispute too: the customer's win refunds the order.
    const { order: shipped } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, shipped.id, newTrackingNumber());
    const notYet = await chargeBack(shipped.id);
    expect([notYet.status, notYet.body.error.code]).toEqual([409, 'INVALID_STATE']);
    expect(notYet.body.error.message).toBe(
      'The order is SHIPPED: it has earned nothing yet, so open a dispute instead (POST /v1/orders/{id}/dispute): resolved for the customer, it is refunded',
    );
  });

  it('is the platform’s alone, for an order that exists, with a reason', async () => {
    const order = await deliveredOrder(true);
    const byVendor = await vendor.api.post(`/v1/orders/${order.id}/chargeback`, { reason: 'mine' });
    expect([byVendor.status, byVendor.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const noReason = await stack.platform.post(`/v1/orders/${order.id}/chargeback`, {});
    expect([noReason.status, noReason.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    const unknown = await chargeBack('ord_doesnotexist');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ORDER_NOT_FOUND']);
    expect((await stack.platform.get(`/v1/orders/${order.id}`)).body.order.earnings.status).toBe('available');
  });
});

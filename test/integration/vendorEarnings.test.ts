// A vendor's earnings as the marketplace pays them out and the vendor reconciles them: balances and every ledger
// entry with the storefront's order number, for the platform and the vendor itself, a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EarningsSchema } from '../../src/http/responseSchemas';
import { expectDocumented } from '../support/documentedShape';
import { newTrackingNumber, placeOrder, shipOrder, waitForStatus } from '../support/orderFlow';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;
/** The storefront's order number of each of the vendor's orders, by order id. */
const externalIds = new Map<string, string>();

/** An order of `vendor` taken to DELIVERED by the vendor. */
async function deliveredOrder() {
  const { order, body } = await placeOrder(stack, vendor.id);
  externalIds.set(order.id, body.externalId);
  await shipOrder(vendor.api, order.id, newTrackingNumber());
  expect((await vendor.api.post(`/v1/orders/${order.id}/delivered`, {})).status).toBe(200);
  return order.id as string;
}

beforeAll(async () => {
  stack = await startTestStack({ policy: { holdingPeriodMs: 1_000 } });
  vendor = await stack.createVendor('Payout Goods');
  // Two orders released, one reversed by a dispute won by the customer: 2 accruals + 2 releases (2 entries each)
  // + 1 accrual + 1 reversal (2 entries) = 9 ledger entries.
  const released = [await deliveredOrder(), await deliveredOrder()];
  const disputed = await deliveredOrder();
  await stack.platform.post(`/v1/orders/${disputed}/dispute`, { reason: 'Never arrived' });
  expect((await stack.platform.post(`/v1/orders/${disputed}/dispute/resolve`, { outcome: 'customer' })).status).toBe(
    200,
  );
  for (const orderId of released) await waitForStatus(vendor.api, orderId, 'COMPLETED');
});
afterAll(async () => stack?.stop());

type Entry = { id: string; orderId: string; externalId: string; bucket: string; amount: { amount: number } };

describe("a vendor's earnings", () => {
  it('lets the platform read them to pay the vendor out, each entry naming the storefront’s order', async () => {
    const read = await stack.platform.get(`/v1/vendors/${vendor.id}/earnings`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      vendorId: vendor.id,
      pending: { amount: 0, currency: 'USD' },
      available: { amount: 2 * 1849, currency: 'USD' },
      reversed: { amount: 1849, currency: 'USD' },
      nextCursor: null,
    });
    expectDocumented(EarningsSchema, read.body); // releases and the reversal have negative entries too
    const entries: Entry[] = read.body.entries;
    expect(entries).toHaveLength(9);
    for (const entry of entries) expect(entry.externalId).toBe(externalIds.get(entry.orderId));
    const sum = (bucket: string) =>
      entries.filter((e) => e.bucket === bucket).reduce((total, e) => total + e.amount.amount, 0);
    expect([sum('pending'), sum('available'), sum('reversed')]).toEqual([0, 2 * 1849, 1849]);
    expect(entries.find((e) => e.bucket === 'available')).toMatchObject({
      reason: 'release',
      description: 'Holding period over: available for payout',
    });
  });

  it('adds up to what the change feed’s earnings.released events say, which a payout can follow', async () => {
    const released: { amount: number; currency: string }[] = [];
    let cursor: string | undefined;
    for (let more = true; more;) {
      const page: any = await stack.platform.get(`/v1/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      for (const event of page.body.events)
        if (event.vendorId === vendor.id && event.type === 'earnings.released') released.push(event.data);
      cursor = page.body.nextCursor;
      more = page.body.hasMore;
    }
    expect(released).toHaveLength(2);
    const earnings = await stack.platform.get(`/v1/vendors/${vendor.id}/earnings`);
    expect({ amount: released.reduce((sum, r) => sum + r.amount, 0), currency: released[0]!.currency }).toEqual(
      earnings.body.available,
    );
  });

  it('shows the vendor its own, as `me` or by its id, and nobody else’s', async () => {
    const asPlatform = await stack.platform.get(`/v1/vendors/${vendor.id}/earnings`);
    expect((await vendor.api.get('/v1/vendors/me/earnings')).body).toEqual(asPlatform.body);
    expect((await vendor.api.get(`/v1/vendors/${vendor.id}/earnings`)).body).toEqual(asPlatform.body);

    const other = await stack.createVendor('Other Goods');
    const theirs = await other.api.get(`/v1/vendors/${vendor.id}/earnings`);
    expect([theirs.status, theirs.body.error.code]).toEqual([404, 'VENDOR_NOT_FOUND']);
    expect((await other.api.get('/v1/vendors/me/earnings')).body).toMatchObject({
      available: { amount: 0 },
      entries: [],
    });
    const unknown = await stack.platform.get('/v1/vendors/ven_doesnotexist/earnings');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'VENDOR_NOT_FOUND']);
    const platformAsMe = await stack.platform.get('/v1/vendors/me/earnings');
    expect(platformAsMe.status).toBe(403);
  });

  it('pages through the ledger newest first, every entry once, with the balances on every page', async () => {
    const all: Entry[] = (await stack.platform.get(`/v1/vendors/${vendor.id}/earnings`)).body.entries;
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await vendor.api.get(`/v1/vendors/me/earnings?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(2);
      expect(page.body.available.amount).toBe(2 * 1849);
      paged.push(...page.body.entries);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    const times = paged.map((e: any) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('refuses a cursor it did not give and a limit out of range, with the §6 error', async () => {
    const forged = await vendor.api.get('/v1/vendors/me/earnings?cursor=garbage');
    expect([forged.status, forged.body.error.code]).toEqual([422, 'INVALID_CURSOR']);
    const tooMany = await vendor.api.get('/v1/vendors/me/earnings?limit=1000');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});

// Payouts as the marketplace records them and the vendor reads them: each moves money from available to paid out
// in the ledger once, however often it is sent, and never more than is available, even when sent concurrently; each
// is emailed to the vendor once; a payout run finds whom it owes in one list; and a payout that comes back is
// available again, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EarningsSchema,
  PayoutListSchema,
  PayoutResponseSchema,
  PayoutsDueSchema,
} from '../../src/http/responseSchemas';
import { PAYOUT_EMAIL_KIND, PAYOUT_RETURNED_EMAIL_KIND, payoutEmailKey } from '../../src/mail/payoutEmail';
import { expectDocumented } from '../support/documentedShape';
import { newTrackingNumber, placeOrder, shipOrder, waitForStatus } from '../support/orderFlow';
import { runOutboxRelay } from '../support/scheduleRuns';
import { type TestStack, startTestStack } from '../support/testStack';

/** What one order of placeOrder earns its vendor. */
const EARNED = 1849;

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

/** An order of `seller` (the file's vendor unless told) taken to COMPLETED: its earnings released to available. */
async function releasedOrder(seller = vendor) {
  const { order } = await placeOrder(stack, seller.id);
  await shipOrder(seller.api, order.id, newTrackingNumber());
  expect((await seller.api.post(`/v1/orders/${order.id}/delivered`, {})).status).toBe(200);
  await waitForStatus(seller.api, order.id, 'COMPLETED');
}

const earnings = async () => (await stack.platform.get(`/v1/vendors/${vendor.id}/earnings?limit=100`)).body;
const pay = (body: object) => stack.platform.post(`/v1/vendors/${vendor.id}/payouts`, body);
const usd = (amount: number) => ({ amount, currency: 'USD' });

beforeAll(async () => {
  // Of its own: another file's outbox relay run would send this file's payout emails through that file's stack.
  stack = await startTestStack({ ownDatabase: 'payouts', policy: { holdingPeriodMs: 1_000 } });
  vendor = await stack.createVendor('Payout Receiving Goods');
  await Promise.all([releasedOrder(), releasedOrder()]);
});
afterAll(async () => {
  await stack?.stop();
});

describe('a payout', () => {
  it('moves what the marketplace paid from available to paid out, as two ledger entries naming it', async () => {
    expect((await earnings()).available).toEqual(usd(2 * EARNED));
    const paid = await pay({ externalId: 'po_2026_12_01', amount: usd(EARNED), reference: 'SEPA 4471' });
    expect(paid.status).toBe(201);
    expectDocumented(PayoutResponseSchema, paid.body);
    expect(paid.body.payout).toMatchObject({
      vendorId: vendor.id,
      externalId: 'po_2026_12_01',
      amount: usd(EARNED),
      reference: 'SEPA 4471',
    });

    const after = await earnings();
    expectDocumented(EarningsSchema, after);
    expect([after.available, after.paidOut, after.pending]).toEqual([usd(EARNED), usd(EARNED), usd(0)]);
    const moved = after.entries.filter((e: any) => e.payout?.id === paid.body.payout.id);
    expect(moved.map((e: any) => [e.bucket, e.amount.amount, e.reason, e.orderId])).toEqual(
      expect.arrayContaining([
        ['available', -EARNED, 'payout', null],
        ['paid_out', EARNED, 'payout', null],
      ]),
    );
    expect(moved).toHaveLength(2);
    expect(moved[0].payout).toEqual({ id: paid.body.payout.id, externalId: 'po_2026_12_01', reference: 'SEPA 4471' });
  });

  it('sent again is the same payout, answered 200, and moves nothing more', async () => {
    const before = await earnings();
    const again = await pay({ externalId: 'po_2026_12_01', amount: usd(EARNED), reference: 'SEPA 4471' });
    expect(again.status).toBe(200);
    const first = before.entries.find((e: any) => e.payout?.externalId === 'po_2026_12_01');
    expect(again.body.payout.id).toBe(first.payout.id);
    expect(await earnings()).toEqual(before);
  });

  it('is emailed to the vendor once, by the outbox relay, with the marketplace’s id and reference', async () => {
    const subject = 'Payout of $18.49 sent: po_2026_12_01';
    // Written with the payout itself, the email waits for the relay's next run (every minute in a deployment).
    expect(stack.mail.messages.filter((m) => m.subject === subject)).toHaveLength(0);
    const payoutId = (await vendor.api.get('/v1/vendors/me/payouts')).body.payouts[0].id;
    expect((await runOutboxRelay(stack)).sent).toContain(payoutEmailKey(payoutId, PAYOUT_EMAIL_KIND));
    const [mail] = await stack.mail.waitFor((m) => m.subject === subject);
    expect(mail!.to).toEqual([vendor.email]);
    expect(mail!.text).toContain('the marketplace paid you $18.49 from your available earnings: payout po_2026_12_01');
    expect(mail!.text).toContain('reference “SEPA 4471”');
    expect(mail!.text).toContain('Earnings page: http://dashboard.test/dashboard#/earnings'); // PUBLIC_BASE_URL's
    // The retry above recorded nothing, so it asked for no second email; nor does a second run send one.
    expect((await runOutboxRelay(stack)).sent).not.toContain(payoutEmailKey(payoutId, PAYOUT_EMAIL_KIND));
    expect(stack.mail.messages.filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it('under a known id with another amount, or for more than is available, is refused with 409 and moves nothing', async () => {
    const before = await earnings();
    const conflict = await pay({ externalId: 'po_2026_12_01', amount: usd(EARNED - 1), reference: 'SEPA 4471' });
    expect([conflict.status, conflict.body.error.code]).toEqual([409, 'PAYOUT_CONFLICT']);
    expect(conflict.body.error.details.payout.amount).toEqual(usd(EARNED));

    const tooMuch = await pay({ externalId: 'po_2026_12_02', amount: usd(EARNED + 1) });
    expect([tooMuch.status, tooMuch.body.error.code]).toEqual([409, 'INSUFFICIENT_AVAILABLE']);
    expect(tooMuch.body.error.details).toEqual({ available: usd(EARNED), requested: usd(EARNED + 1) });
    expect(tooMuch.body.error.message).toBe('The vendor has $18.49 available; a payout of $18.50 is more than that');
    const otherCurrency = await pay({ externalId: 'po_2026_12_03', amount: { amount: 100, currency: 'EUR' } });
    expect([otherCurrency.status, otherCurrency.body.error.code]).toEqual([409, 'INSUFFICIENT_AVAILABLE']);
    expect(await earnings()).toEqual(before);
  });

  it('sent concurrently under several ids never pays out more than is available', async () => {
    // 18.49 available: of four payouts of 10.00 sent at once, one fits.
    const answers = await Promise.all([1, 2, 3, 4].map((n) => pay({ externalId: `po_race_${n}`, amount: usd(1000) })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const after = await earnings();
    expect([after.available, after.paidOut]).toEqual([usd(EARNED - 1000), usd(EARNED + 1000)]);
  });

  it('is recorded by the platform only, and refuses bad input and unknown vendors with the §6 error', async () => {
    const before = await earnings();
    const byVendor = await vendor.api.post(`/v1/vendors/${vendor.id}/payouts`, { externalId: 'x', amount: usd(1) });
    expect(byVendor.status).toBe(403);
    for (const body of [
      { externalId: 'po_zero', amount: usd(0) },
      { externalId: 'po_negative', amount: usd(-5) },
      { externalId: '', amount: usd(1) },
      { externalId: 'po_cents', amount: { amount: 1.5, currency: 'USD' } },
      { externalId: 'po_extra', amount: usd(1), note: 'unknown field' },
    ]) {
      const refused = await pay(body);
      expect([refused.status, refused.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    }
    const unknown = await stack.platform.post('/v1/vendors/ven_doesnotexist/payouts', {
      externalId: 'po_1',
      amount: usd(1),
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'VENDOR_NOT_FOUND']);
    expect(await earnings()).toEqual(before);
  });

  it('is listed to the vendor, newest first a page at a time, and to no other vendor', async () => {
    const mine = await vendor.api.get('/v1/vendors/me/payouts');
    expect(mine.status).toBe(200);
    expectDocumented(PayoutListSchema, mine.body);
    expect(mine.body.payouts.map((p: any) => p.externalId)).toEqual([
      expect.stringMatching(/^po_race_/),
      'po_2026_12_01',
    ]);
    const firstPage = await vendor.api.get('/v1/vendors/me/payouts?limit=1');
    const secondPage = await vendor.api.get(`/v1/vendors/me/payouts?limit=1&cursor=${firstPage.body.nextCursor}`);
    expect([...firstPage.body.payouts, ...secondPage.body.payouts]).toEqual(mine.body.payouts);
    expect(secondPage.body.nextCursor).toBeNull();

    const other = await stack.createVendor('Other Payout Goods');
    const theirs = await other.api.get(`/v1/vendors/${vendor.id}/payouts`);
    expect([theirs.status, theirs.body.error.code]).toEqual([404, 'VENDOR_NOT_FOUND']);
    expect((await other.api.get('/v1/vendors/me/payouts')).body).toEqual({ payouts: [], nextCursor: null });
    const forged = await vendor.api.get('/v1/vendors/me/payouts?cursor=garbage');
    expect([forged.status, forged.body.error.code]).toEqual([422, 'INVALID_CURSOR']);
  });

  it('run by the marketplace starts from one list of what it owes: each vendor and currency with money available', async () => {
    const owedNothing = await stack.createVendor('Nothing Owed Goods');
    const second = await stack.createVendor('Second Owed Goods');
    await releasedOrder(second);
    /** Every row of the list, read `limit` at a time. */
    const readAll = async (query: string, limit: number) => {
      const rows: any[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await stack.platform.get(
          `/v1/payouts/due?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        expectDocumented(PayoutsDueSchema, page.body);
        expect(page.body.due.length).toBeLessThanOrEqual(limit);
        rows.push(...page.body.due);
        cursor = page.body.nextCursor;
      } while (cursor);
      return rows;
    };
    // The file's own database: exactly the two vendors with money available, in vendor id order; none owed nothing.
    const due = await readAll('', 100);
    const owed = [
      { vendor: { id: vendor.id, name: 'Payout Receiving Goods', email: vendor.email }, available: usd(EARNED - 1000) },
      { vendor: { id: second.id, name: 'Second Owed Goods', email: second.email }, available: usd(EARNED) },
    ].sort((a, b) => (a.vendor.id < b.vendor.id ? -1 : 1));
    expect(due).toEqual(owed);
    expect(due.some((row) => row.vendor.id === owedNothing.id)).toBe(false);
    expect(await readAll('', 1)).toEqual(owed); // one a page: each once, none skipped
    expect(await readAll('&currency=EUR', 100)).toEqual([]);
    const byVendor = await vendor.api.get('/v1/payouts/due');
    expect([byVendor.status, byVendor.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const forged = await stack.platform.get('/v1/payouts/due?cursor=garbage');
    expect([forged.status, forged.body.error.code]).toEqual([422, 'INVALID_CURSOR']);
  });
});

describe('a payout returned', () => {
  const returnOf = (payoutId: string, body: object = { reason: 'account closed' }) =>
    stack.platform.post(`/v1/vendors/${vendor.id}/payouts/${payoutId}/return`, body);
  const payoutNamed = async (externalId: string) =>
    (await vendor.api.get('/v1/vendors/me/payouts?limit=100')).body.payouts.find(
      (p: any) => p.externalId === externalId,
    );

  it('moves its amount from paid out back to available, as two ledger entries naming it, and is listed returned', async () => {
    const payout = await payoutNamed('po_2026_12_01');
    expect(payout.returned).toBeNull();
    const before = await earnings();
    const returned = await returnOf(payout.id);
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expectDocumented(PayoutResponseSchema, returned.body);
    expect(returned.body.payout).toMatchObject({
      id: payout.id,
      amount: usd(EARNED),
      returned: { at: expect.any(String), reason: 'account closed' },
    });

    const after = await earnings();
    expectDocumented(EarningsSchema, after);
    expect(after.available).toEqual(usd(before.available.amount + EARNED));
    expect(after.paidOut).toEqual(usd(before.paidOut.amount - EARNED));
    const moved = after.entries.filter((e: any) => e.reason === 'payout_returned');
    expect(moved.map((e: any) => [e.bucket, e.amount.amount, e.payout.id, e.orderId])).toEqual(
      expect.arrayContaining([
        ['available', EARNED, payout.id, null],
        ['paid_out', -EARNED, payout.id, null],
      ]),
    );
    expect(moved).toHaveLength(2);
    expect(moved[0].description).toBe('Payout came back: available again');
    expect((await payoutNamed('po_2026_12_01')).returned).toEqual(returned.body.payout.returned);
    // Back in what the marketplace owes the vendor, for its next payout run.
    const due = (await stack.platform.get('/v1/payouts/due?limit=100')).body.due;
    expect(due.find((row: any) => row.vendor.id === vendor.id).available).toEqual(after.available);
  });

  it('sent again, or several at once, is the payout as first returned, and moves nothing more', async () => {
    const payout = await payoutNamed('po_2026_12_01');
    const before = await earnings();
    const again = await Promise.all([returnOf(payout.id), returnOf(payout.id, { reason: 'another reason' })]);
    expect(again.map((a) => a.status)).toEqual([200, 200]);
    for (const answer of again) expect(answer.body.payout).toEqual({ ...payout });
    expect(await earnings()).toEqual(before);
    // The other payout, returned twice at once: it moves once, and nothing is paid out any more.
    const race = (await vendor.api.get('/v1/vendors/me/payouts')).body.payouts.find((p: any) =>
      p.externalId.startsWith('po_race_'),
    );
    const both = await Promise.all([returnOf(race.id), returnOf(race.id)]);
    expect(both.map((a) => a.status)).toEqual([200, 200]);
    const after = await earnings();
    expect(after.available).toEqual(usd(before.available.amount + 1000));
    expect(after.paidOut).toEqual(usd(0));
  });

  it('is emailed to the vendor once, by the outbox relay, with why it came back', async () => {
    const payout = await payoutNamed('po_2026_12_01');
    const subject = 'Payout po_2026_12_01 returned: $18.49 is available again';
    expect((await runOutboxRelay(stack)).sent).toContain(payoutEmailKey(payout.id, PAYOUT_RETURNED_EMAIL_KIND));
    const [mail] = await stack.mail.waitFor((m) => m.subject === subject);
    expect(mail!.to).toEqual([vendor.email]);
    expect(mail!.text).toContain(
      'payout po_2026_12_01 (reference “SEPA 4471”) of $18.49 came back to the marketplace: account closed.',
    );
    expect((await runOutboxRelay(stack)).sent).toEqual([]);
    expect(stack.mail.messages.filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it('is the platform’s to record, for a payout the vendor has, with a reason', async () => {
    const payout = await payoutNamed('po_2026_12_01');
    const other = await stack.createVendor('Other Returned Goods');
    const before = await earnings();
    const byVendor = await vendor.api.post(`/v1/vendors/${vendor.id}/payouts/${payout.id}/return`, { reason: 'x' });
    expect([byVendor.status, byVendor.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const underOther = await stack.platform.post(`/v1/vendors/${other.id}/payouts/${payout.id}/return`, {
      reason: 'x',
    });
    expect([underOther.status, underOther.body.error.code]).toEqual([404, 'PAYOUT_NOT_FOUND']);
    for (const id of [`pay_${'0'.repeat(32)}`, 'not-a-payout']) {
      const unknown = await returnOf(id);
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'PAYOUT_NOT_FOUND']);
    }
    const noVendor = await stack.platform.post(`/v1/vendors/ven_doesnotexist/payouts/${payout.id}/return`, {
      reason: 'x',
    });
    expect([noVendor.status, noVendor.body.error.code]).toEqual([404, 'VENDOR_NOT_FOUND']);
    for (const body of [{}, { reason: '' }, { reason: 'x', extra: 1 }]) {
      const refused = await returnOf(payout.id, body);
      expect([refused.status, refused.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    }
    expect(await earnings()).toEqual(before);
  });
});

// Carrier tracking end to end (PRODUCT §5): numbers registered at the 17TRACK fake, signed pushes through the
// webhook, fallback polling when pushes are lost, and the webhook refusing what it must refuse.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACK17_WAIT_MS } from '../../activities/tracking';
import type { RefreshStaleTrackingResult } from '../../activities/trackingRefresh';
import {
  LATE_REGISTRATION_DELAY_MS,
  ensureTrackingSchedule,
  trackingScheduleId,
} from '../../src/temporal/trackingSchedule';
import { TEMPORAL_HANDOFF_MS } from '../../src/temporal/withinDeadline';
import { signPush } from '../../src/tracking/track17Signature';
import { startOutageApi } from '../support/outageApi';
import { orderWorkflowId } from '../../workflows/messages';
import { supplierOrderBody } from '../support/fixtures';
import { parseSamples, sampleValue } from '../support/prometheusText';
import { newTrackingNumber, placeOrder, shipOrder, signalCarrier, waitForStatus } from '../support/orderFlow';
import { TRACK17_KEY, type TestStack, apiAs, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack({ policy: { holdingPeriodMs: 1_000 } });
  vendor = await stack.createVendor();
});
afterAll(async () => {
  await stack?.client.schedule
    .getHandle(trackingScheduleId(stack.taskQueue))
    .delete()
    .catch(() => undefined);
  await stack?.stop();
});

async function pushRaw(raw: string, sign: string | undefined) {
  return apiAs(stack.baseUrl, undefined).call(
    'POST',
    '/v1/webhooks/17track',
    raw,
    sign ? { sign, 'content-type': 'application/json' } : { 'content-type': 'application/json' },
  );
}

describe('carrier progress by push', () => {
  it('takes a shipped order to DELIVERED from carrier pushes alone, then COMPLETED, and stops tracking', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, trackingNumber);
    expect(stack.track17.parcels.get(trackingNumber)).toMatchObject({ carrier: 3011, tag: order.id, tracking: true });

    expect(
      await stack.track17.advance(trackingNumber, 'InTransit', {
        subStatus: 'InTransit_PickedUp',
        description: 'Posting / collection',
        location: 'Shenzhen, CN',
      }),
    ).toBe(200);
    await expect
      .poll(async () => (await vendor.api.get(`/v1/orders/${order.id}`)).body.order.tracking.carrierStatus)
      .toBe('InTransit');
    const page = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order.tracking;
    expect(page).toMatchObject({
      subStatus: 'InTransit_PickedUp',
      lastEvent: 'Posting / collection',
      lastEventLocation: 'Shenzhen, CN',
      url: expect.stringContaining(trackingNumber),
    });
    expect(await stack.track17.advance(trackingNumber, 'OutForDelivery')).toBe(200);
    expect(await stack.track17.advance(trackingNumber, 'Delivered', { location: 'Porto, PT' })).toBe(200);

    await waitForStatus(vendor.api, order.id, 'DELIVERED');
    const completed = await waitForStatus(vendor.api, order.id, 'COMPLETED');
    expect(completed.events.find((e: { type: string }) => e.type === 'delivered').actor).toBe('carrier');
    expect(stack.track17.parcels.get(trackingNumber)!.tracking).toBe(false);
  });
});

describe('carrier progress by fallback polling', () => {
  it('delivers the order through the refresh schedule when every push is lost, in one request per 40 parcels', async () => {
    const orders = [];
    for (let i = 0; i < 3; i += 1) {
      const { order } = await placeOrder(stack, vendor.id);
      const trackingNumber = newTrackingNumber();
      await shipOrder(vendor.api, order.id, trackingNumber);
      await stack.track17.advance(trackingNumber, 'Delivered', { push: false });
      orders.push(order);
    }
    const before = stack.track17.requests.filter((r) => r.endpoint === 'gettrackinfo').length;
    await ensureTrackingSchedule(stack.client, stack.taskQueue, 2_000);
    for (const order of orders) await waitForStatus(vendor.api, order.id, 'DELIVERED', 20_000);
    await stack.client.schedule.getHandle(trackingScheduleId(stack.taskQueue)).pause('test done');
    const polls = stack.track17.requests.filter((r) => r.endpoint === 'gettrackinfo').slice(before);
    expect(polls[0]!.items).toBeGreaterThanOrEqual(3); // the three parcels went out in one request
    expect(polls.every((r) => r.items <= 40)).toBe(true);
  });
});

/** One run of the refresh, as its Schedule starts it; polling at most one other parcel (the database is shared). */
const refresh = (): Promise<RefreshStaleTrackingResult> =>
  stack.client.workflow.execute('trackingRefreshWorkflow', {
    taskQueue: stack.taskQueue,
    workflowId: `tracking-refresh-test-${randomUUID()}`,
    args: [{ olderThanMs: 3_600_000, maxParcels: 1 }],
  });

describe('17TRACK out of quota', () => {
  it.each(['item', 'request'] as const)(
    'ships the order all the same, and the refresh registers the number once 17TRACK takes it again (refused by %s)',
    async (refuse) => {
      const { order, body } = await placeOrder(stack, vendor.id);
      await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody());
      const registrations = () => stack.track17.requests.filter((r) => r.endpoint === 'register').length;
      const trackingNumber = newTrackingNumber();
      stack.track17.setQuotaRemaining(0, refuse);
      try {
        const shipped = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber });
        expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
        expect(shipped.body.order.status).toBe('SHIPPED');
        await stack.mail.waitFor(
          (m) => m.to[0] === body.customer.email && m.subject === `Your order ${body.externalId} has shipped`,
        );
        expect(stack.track17.parcels.has(trackingNumber)).toBe(false);
        // The carrier corrected meanwhile: kept for the registration, with nothing to change at 17TRACK yet.
        const carrierChanges = () => stack.track17.requests.filter((r) => r.endpoint === 'changecarrier').length;
        const changesBefore = carrierChanges();
        const recarried = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber, carrier: 190271 });
        expect(recarried.status, JSON.stringify(recarried.body)).toBe(200);
        expect(carrierChanges()).toBe(changesBefore);
        const scrape = parseSamples(String((await stack.platform.get('/metrics')).body));
        expect(sampleValue(scrape, 'dropship_tracking_awaiting_registration')).toBeGreaterThanOrEqual(1);

        // The refresh tries while the quota is still out, and leaves the number waiting.
        const before = registrations();
        expect((await refresh()).registered ?? 0).toBe(0);
        expect(registrations()).toBeGreaterThan(before);
        expect(stack.track17.parcels.has(trackingNumber)).toBe(false);

        stack.track17.setQuotaRemaining(undefined); // the plan topped up
        expect((await refresh()).registered).toBeGreaterThanOrEqual(1);
        expect(stack.track17.parcels.get(trackingNumber)?.tag).toBe(order.id);
      } finally {
        stack.track17.setQuotaRemaining(undefined);
      }
      const row = await stack.prisma.tracking.findUniqueOrThrow({ where: { orderId: order.id } });
      expect(row.awaitingRegistrationSince).toBeNull();
      expect(stack.track17.parcels.get(trackingNumber)?.carrier).toBe(190271); // Cainiao, as corrected
      // Followed from now on: the carrier's delivery reaches the order.
      await stack.track17.advance(trackingNumber, 'Delivered');
      await waitForStatus(vendor.api, order.id, 'DELIVERED');
    },
  );
});

describe('17TRACK down', () => {
  it.each([
    ['failing', 500],
    ['hanging', 'timeout'],
  ] as const)(
    'ships the order within the wait while 17TRACK is %s, and a run of the refresh registers the number within a minute of its return',
    async (_how, failure) => {
      const { order, body } = await placeOrder(stack, vendor.id);
      await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody());
      const trackingNumber = newTrackingNumber();
      stack.track17.failNext(1_000, failure);
      try {
        const startedAt = Date.now();
        const shipped = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber });
        expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
        expect(Date.now() - startedAt).toBeLessThan(TRACK17_WAIT_MS + 5_000);
        expect(shipped.body.order.status).toBe('SHIPPED');
        expect(shipped.body.order.tracking.number).toBe(trackingNumber);
        await stack.mail.waitFor(
          (m) => m.to[0] === body.customer.email && m.subject === `Your order ${body.externalId} has shipped`,
        );
        const waiting = await stack.prisma.tracking.findUniqueOrThrow({ where: { orderId: order.id } });
        expect(waiting.awaitingRegistrationSince).not.toBeNull();
      } finally {
        stack.track17.failNext(0, 500);
      }
      // Not the Schedule's next run (up to 15 minutes away): one started for it, LATE_REGISTRATION_DELAY_MS later.
      const waiting = async () =>
        (await stack.prisma.tracking.findUniqueOrThrow({ where: { orderId: order.id } })).awaitingRegistrationSince;
      await expect.poll(waiting, { timeout: LATE_REGISTRATION_DELAY_MS + 30_000, interval: 1_000 }).toBeNull();
      expect(stack.track17.parcels.get(trackingNumber)?.tag).toBe(order.id);
      await stack.track17.advance(trackingNumber, 'Delivered');
      await waitForStatus(vendor.api, order.id, 'DELIVERED');
    },
    120_000,
  );
});

describe('17TRACK slow to answer', () => {
  it('registers the number at entry when one request hangs: it is tried again within the wait', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody());
    const trackingNumber = newTrackingNumber();
    stack.track17.failNext(1, 'timeout');
    const startedAt = Date.now();
    const shipped = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(TRACK17_WAIT_MS);
    expect(stack.track17.parcels.get(trackingNumber)).toMatchObject({ tag: order.id, tracking: true });
    const row = await stack.prisma.tracking.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(row.awaitingRegistrationSince).toBeNull(); // registered now, not left to the refresh
  });
});

describe('17TRACK down at a carrier change', () => {
  it('answers 503 TRACKING_UNAVAILABLE within the wait, keeps the carrier, and takes the change once 17TRACK is back', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, trackingNumber);
    const change = () => vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber, carrier: 190271 });
    stack.track17.failNext(1_000, 500);
    try {
      const startedAt = Date.now();
      const refused = await change();
      expect(Date.now() - startedAt).toBeLessThan(TRACK17_WAIT_MS + 5_000);
      expect([refused.status, refused.body.error.code]).toEqual([503, 'TRACKING_UNAVAILABLE']);
    } finally {
      stack.track17.failNext(0, 500);
    }
    const unchanged = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect([unchanged.status, unchanged.tracking.carrier]).toEqual(['SHIPPED', 3011]);
    expect((await change()).status).toBe(200); // the vendor's retry
    expect(stack.track17.parcels.get(trackingNumber)?.carrier).toBe(190271);
  });
});

describe('the webhook refuses what it must', () => {
  const body = (n: string) =>
    JSON.stringify({
      event: 'TRACKING_UPDATED',
      data: {
        number: n,
        carrier: 3011,
        tag: null,
        track_info: { latest_status: { status: 'Delivered', sub_status: 'Delivered_Other', sub_status_descr: null } },
      },
    });

  it('answers 503 to a push it cannot pass on while Temporal is down, and takes the same push again', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, trackingNumber);
    const raw = body(trackingNumber);
    const headers = { sign: signPush(raw, TRACK17_KEY), 'content-type': 'application/json' };
    // A Temporal that takes the connection and never answers: the push is answered within the handoff bound.
    const outage = await startOutageApi(stack.taskQueue, { temporal: 'silent' });
    try {
      const startedAt = Date.now();
      const refused = await apiAs(outage.url, undefined).call('POST', '/v1/webhooks/17track', raw, headers);
      expect(Date.now() - startedAt).toBeLessThan(TEMPORAL_HANDOFF_MS + 5_000);
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await outage.stop();
    }
    expect((await pushRaw(raw, headers.sign)).status).toBe(200); // 17TRACK's retry: taken, not a replay
    await waitForStatus(vendor.api, order.id, 'DELIVERED');
  });

  it('rejects unsigned and forged pushes with 401 and counts them and repeats', async () => {
    const stats = async () => (await stack.platform.get('/v1/ops/webhook-stats')).body;
    const start = await stats();
    const raw = body('RR000000001CN');
    const unsigned = await pushRaw(raw, undefined);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.code).toBe('SIGNATURE_MISSING');
    const forged = await pushRaw(raw, signPush(raw, 'not-the-key'));
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('SIGNATURE_INVALID');
    const tampered = await pushRaw(raw.replace('Delivered', 'Exception'), signPush(raw, TRACK17_KEY));
    expect(tampered.status).toBe(401);
    expect((await pushRaw(raw, signPush(raw, TRACK17_KEY))).status).toBe(200);
    expect((await pushRaw(raw, signPush(raw, TRACK17_KEY))).body).toEqual({ status: 'duplicate' });
    const end = await stats();
    expect(end.unsigned - start.unsigned).toBe(1);
    expect(end.forged - start.forged).toBe(2);
    expect(end.replayed - start.replayed).toBe(1);
    expect(end.unknownNumber - start.unknownNumber).toBe(1); // RR000000001CN belongs to no order: logged, 200
  });

  it('answers a push received twice 200 both times and passes it on to the order once', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, trackingNumber);
    const raw = JSON.stringify({
      event: 'TRACKING_UPDATED',
      data: {
        number: trackingNumber,
        carrier: 3011,
        tag: order.id,
        track_info: {
          latest_status: { status: 'InTransit', sub_status: 'InTransit_PickedUp', sub_status_descr: null },
        },
      },
    });
    const first = await pushRaw(raw, signPush(raw, TRACK17_KEY));
    expect(first.body).toEqual({ status: 'accepted' });
    await expect
      .poll(async () => (await vendor.api.get(`/v1/orders/${order.id}`)).body.order.tracking.carrierStatus)
      .toBe('InTransit');
    const signals = async () =>
      (await stack.client.workflow.getHandle(orderWorkflowId(order.id)).fetchHistory()).events!.filter(
        (event) => event.workflowExecutionSignaledEventAttributes,
      ).length;
    const signalsBefore = await signals();
    // 17TRACK re-sending a push whose answer it missed: a 2xx stops it, and the order hears nothing twice.
    const again = await pushRaw(raw, signPush(raw, TRACK17_KEY));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate' });
    await new Promise((resolve) => setTimeout(resolve, 500)); // a second signal, if one were sent, would be here
    expect(await signals()).toBe(signalsBefore);
  });

  it('never lets a forged Delivered push move an order', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, trackingNumber);
    const raw = body(trackingNumber);
    expect((await pushRaw(raw, signPush(raw, 'guessed-key'))).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.status).toBe('SHIPPED');
  });
});

describe('entering tracking', () => {
  it('reports a number 17TRACK rejects as 422 TRACKING_REJECTED and keeps the order SUPPLIER_ORDERED', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody());
    const response = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: 'ZZZZZZ99' });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'TRACKING_REJECTED',
      message: 'The carrier cannot be detected.',
      details: { track17Code: -18019903 },
    });
    const after = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect(after.status).toBe('SUPPLIER_ORDERED');
    expect(after.tracking).toBeNull();
    // The vendor can correct it right away.
    expect(
      (await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newTrackingNumber() })).status,
    ).toBe(200);
  });

  it('rejects a number another order already uses with 409 TRACKING_NUMBER_IN_USE', async () => {
    const first = await placeOrder(stack, vendor.id);
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, first.order.id, trackingNumber);
    const { order } = await placeOrder(stack, vendor.id);
    await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody());
    const response = await vendor.api.post(`/v1/orders/${order.id}/tracking`, {
      trackingNumber: trackingNumber.toLowerCase(),
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('TRACKING_NUMBER_IN_USE');
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.status).toBe('SUPPLIER_ORDERED');
  });
});

describe('correcting the tracking of a shipped order', () => {
  it('replaces a wrong number: registered and followed, the old one stopped, the customer told once', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const wrong = newTrackingNumber();
    await shipOrder(vendor.api, order.id, wrong);
    const right = newTrackingNumber();
    const corrected = await vendor.api.post(`/v1/orders/${order.id}/tracking`, {
      trackingNumber: right.toLowerCase(),
      carrier: 3011,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.order.status).toBe('SHIPPED');
    expect(corrected.body.order.tracking).toMatchObject({ number: right, carrierStatus: null });
    expect(corrected.body.order.events.at(-1)).toMatchObject({
      type: 'tracking.corrected',
      data: { trackingNumber: right, replaces: { trackingNumber: wrong } },
    });
    expect(stack.track17.parcels.get(right)).toMatchObject({ tag: order.id, tracking: true });
    expect(stack.track17.parcels.get(wrong)!.tracking).toBe(false);

    const [email] = await stack.mail.waitFor(
      (m) => m.subject === `New tracking details for your order ${body.externalId}`,
    );
    expect(email!.to).toEqual([body.customer.email]);
    expect(email!.text).toContain(`Tracking number: ${right}`);
    expect(email!.text).toContain(`tracking number ${wrong} will not show your parcel`);

    // The same correction again (a double click, a client's retry) changes nothing and emails nobody.
    const again = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: right });
    expect(again.status).toBe(200);
    expect(again.body.order.events.filter((e: { type: string }) => e.type === 'tracking.corrected')).toHaveLength(1);

    // News of the old number no longer moves the order; the new number's delivery does.
    stack.track17.parcels.get(wrong)!.tracking = true; // as if 17TRACK pushed once more before it stopped
    await stack.track17.advance(wrong, 'Delivered');
    // And a push the webhook took just before the correction, reaching the workflow just after it.
    await signalCarrier(stack, order.id, { status: 'Delivered', subStatus: 'Delivered_Other', trackingNumber: wrong });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await vendor.api.get(`/v1/orders/${order.id}`)).body.order.status).toBe('SHIPPED');
    await stack.track17.advance(right, 'Delivered', { location: 'Porto, PT' });
    await waitForStatus(vendor.api, order.id, 'DELIVERED');
    const trackingEmails = stack.mail.messages.filter(
      (m) => m.to[0] === body.customer.email && /has shipped|tracking details/.test(m.subject),
    );
    expect(trackingEmails.map((m) => m.subject).sort()).toEqual([
      `New tracking details for your order ${body.externalId}`,
      `Your order ${body.externalId} has shipped`,
    ]);
    const late = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newTrackingNumber() });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
  });

  it('keeps the old number when the new one is refused or another order’s', async () => {
    const other = await placeOrder(stack, vendor.id);
    const taken = newTrackingNumber();
    await shipOrder(vendor.api, other.order.id, taken);
    const { order } = await placeOrder(stack, vendor.id);
    const number = newTrackingNumber();
    await shipOrder(vendor.api, order.id, number);
    await stack.track17.advance(number, 'InTransit', { subStatus: 'InTransit_PickedUp' });
    await expect
      .poll(async () => (await vendor.api.get(`/v1/orders/${order.id}`)).body.order.tracking.carrierStatus)
      .toBe('InTransit');

    const inUse = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: taken });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('TRACKING_NUMBER_IN_USE');
    const refused = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: 'ZZZZZZ99' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('TRACKING_REJECTED');

    const after = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect(after.tracking).toMatchObject({ number, carrierStatus: 'InTransit', subStatus: 'InTransit_PickedUp' });
    expect(after.events.map((e: { type: string }) => e.type)).not.toContain('tracking.corrected');
    expect(stack.track17.parcels.get(number)!.tracking).toBe(true);
    expect(stack.track17.parcels.has('ZZZZZZ99')).toBe(false);
  });

  it('drops a delivery of the old number reported while the correction is being registered', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const wrong = newTrackingNumber();
    await shipOrder(vendor.api, order.id, wrong);
    stack.track17.failNext(2, 500); // the correction's registration retries for a moment: the window
    const failedBefore = stack.track17.requests.filter((r) => r.status === 500).length;
    const correcting = vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: newTrackingNumber() });
    await expect
      .poll(() => stack.track17.requests.filter((r) => r.status === 500).length)
      .toBeGreaterThan(failedBefore);
    await signalCarrier(stack, order.id, { status: 'Delivered', subStatus: 'Delivered_Other', trackingNumber: wrong });
    expect((await correcting).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect(after.status).toBe('SHIPPED');
    expect(after.tracking.carrierStatus).toBeNull();
  });

  it('follows a number again when the vendor corrects back to it', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const first = newTrackingNumber();
    await shipOrder(vendor.api, order.id, first);
    const other = newTrackingNumber();
    expect((await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: other })).status).toBe(200);
    expect(stack.track17.parcels.get(first)!.tracking).toBe(false);
    const back = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: first });
    expect(back.status).toBe(200);
    expect(back.body.order.tracking.number).toBe(first);
    expect(stack.track17.parcels.get(first)!.tracking).toBe(true);
    expect(stack.track17.parcels.get(other)!.tracking).toBe(false);
  });

  it('changes only the carrier at 17TRACK when the number was right', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const number = newTrackingNumber();
    await shipOrder(vendor.api, order.id, number);
    const changed = await vendor.api.post(`/v1/orders/${order.id}/tracking`, {
      trackingNumber: number,
      carrier: 190271,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.order.tracking).toMatchObject({ number, carrier: 190271 });
    expect(stack.track17.parcels.get(number)).toMatchObject({ carrier: 190271, carrierChanges: 1, tracking: true });
  });
});

// Drill 4: the 17TRACK fake answering 500, 429 and timeouts while vendors enter tracking: backoff, no request
// storm, every order shipped and every vendor answered 200. Then 17TRACK down altogether: every order still ships
// within the registration's wait, and the tracking refresh registers every number once 17TRACK is back.
import { randomUUID } from 'node:crypto';
import { TRACK17_WAIT_MS } from '../../activities/tracking';
import type { RefreshStaleTrackingResult } from '../../activities/trackingRefresh';
import { dropshipOrderBody, newTrackingNumber, supplierOrderBody } from '../../test/support/fixtures';
import { inParallel, sleep } from '../harness';
import { type DrillRun, type Vendor, statuses } from './drillKit';

/** `n` orders of `vendor` with their supplier order recorded: ready for tracking. */
async function ordersAwaitingTracking(run: DrillRun, vendor: Vendor, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const created = await run.h.platform.post('/v1/orders', dropshipOrderBody(vendor.id));
    await vendor.api.post(`/v1/orders/${created.body.order.id}/supplier-order`, supplierOrderBody());
    ids.push(created.body.order.id);
  }
  return ids;
}

function countsOf(statusCodes: number[]): string {
  return JSON.stringify(statusCodes.reduce<Record<number, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {}));
}

export async function drill17TrackFailures(run: DrillRun, vendor: Vendor): Promise<void> {
  const { h, record } = run;
  const n = 20;
  const ids = await ordersAwaitingTracking(run, vendor, n);
  await sleep(1500);
  const since = Date.now();
  h.fake.failNext(8, 500);
  const answers: number[] = [];
  const failures = (async () => {
    await sleep(2000);
    h.fake.failNext(6, 429);
    await sleep(3000);
    h.fake.failNext(3, 'timeout');
  })();
  await inParallel(ids, 10, async (id) => {
    answers.push((await vendor.api.post(`/v1/orders/${id}/tracking`, { trackingNumber: newTrackingNumber() })).status);
  });
  await failures;
  const requests = h.fake.requests.filter((r) => r.at >= since);
  const peak = h.fake.peakRequestsPerSecond(since);
  const shipped = (await statuses(h, ids)).SHIPPED ?? 0;
  const failedAnswers = answers.filter((s) => s !== 200);
  record(
    '4. 17TRACK answering 500 / 429 / timeouts',
    shipped === n && peak <= 3 && failedAnswers.length === 0,
    `${shipped}/${n} shipped, ${requests.length} requests, peak ${peak}/s, vendor answers ${countsOf(answers)}`,
  );
  await drill17TrackDown(run, vendor);
}

/** 17TRACK failing every request while 10 vendors enter tracking at once, then back. */
async function drill17TrackDown(run: DrillRun, vendor: Vendor): Promise<void> {
  const { h, record } = run;
  const n = 10;
  const ids = await ordersAwaitingTracking(run, vendor, n);
  const numbers = ids.map(() => newTrackingNumber());
  const since = Date.now();
  h.fake.failNext(1_000_000, 500);
  const answers: number[] = [];
  const tookMs: number[] = [];
  try {
    await inParallel(ids, 10, async (id, i) => {
      const startedAt = Date.now();
      answers.push((await vendor.api.post(`/v1/orders/${id}/tracking`, { trackingNumber: numbers[i] })).status);
      tookMs.push(Date.now() - startedAt);
    });
  } finally {
    // Calls given up on are aborted: 17TRACK coming back now must not take their leftover retries.
    await sleep(5_000);
    h.fake.failNext(0, 500);
  }
  const whileDown = h.fake.requests.filter((r) => r.at >= since).length;
  const shipped = (await statuses(h, ids)).SHIPPED ?? 0;
  // One run of the refresh, as its Schedule starts it every 15 minutes (polling at most one other parcel).
  const refreshed: RefreshStaleTrackingResult = await h.client.workflow.execute('trackingRefreshWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: `drill-tracking-refresh-${randomUUID()}`,
    args: [{ olderThanMs: 3_600_000, maxParcels: 1 }],
  });
  const followed = numbers.filter((number) => h.fake.parcels.get(number)?.tracking).length;
  const slowest = Math.max(...tookMs);
  record(
    '4b. 17TRACK down while vendors enter tracking',
    shipped === n && answers.every((s) => s === 200) && slowest < TRACK17_WAIT_MS + 5_000 && followed === n,
    `${shipped}/${n} shipped, vendor answers ${countsOf(answers)}, slowest ${(slowest / 1000).toFixed(1)} s, ` +
      `${whileDown} requests while down (${n * 5} if the calls given up on had kept retrying); ` +
      `once back, one refresh registered ${refreshed.registered ?? 0} and 17TRACK follows ${followed}/${n}`,
  );
}

// Drill 4: the 17TRACK fake answering 500, 429 and timeouts while vendors enter tracking: backoff, no request
// storm, every order shipped and every vendor answered 200.
import { dropshipOrderBody, newTrackingNumber, supplierOrderBody } from '../../test/support/fixtures';
import { inParallel, sleep } from '../harness';
import { type DrillRun, type Vendor, statuses } from './drillKit';

export async function drill17TrackFailures(run: DrillRun, vendor: Vendor): Promise<void> {
  const { h, record } = run;
  const n = 20;
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const created = await h.platform.post('/v1/orders', dropshipOrderBody(vendor.id));
    await vendor.api.post(`/v1/orders/${created.body.order.id}/supplier-order`, supplierOrderBody());
    ids.push(created.body.order.id);
  }
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
    `${shipped}/${n} shipped, ${requests.length} requests, peak ${peak}/s, vendor answers ${JSON.stringify(answers.reduce<Record<number, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {}))}`,
  );
}

// Row 5: the fallback refresh of many parcels in transit against the 17TRACK fake, through the worker's own
// 3 requests/s limiter (kept in PostgreSQL).
import { MockActivityEnvironment } from '@temporalio/testing';
import { type RefreshStaleTrackingResult, createTrackingRefreshActivities } from '../../activities/trackingRefresh';
import { trackingScheduleId } from '../../src/temporal/trackingSchedule';
import { createPgPool } from '../../src/db/pgPool';
import { createRateLimiter, createSharedRateLimiter } from '../../src/tracking/rateLimiter';
import { createTrack17Client } from '../../src/tracking/track17Client';
import { type BenchContext, timed } from '../benchContext';
import { TRACK17_KEY, sleep } from '../harness';

/** N.parcels shipped orders with registered tracking, a tenth of them moved on at 17TRACK since. */
async function seedParcels(context: BenchContext) {
  const { N, prisma, harness, vendorId } = context;
  const parcels = Array.from({ length: N.parcels }, (_, i) => ({
    orderId: `ord_bench${i}`,
    number: `BN${String(i).padStart(9, '0')}CN`,
  }));
  for (let start = 0; start < parcels.length; start += 1000) {
    const slice = parcels.slice(start, start + 1000);
    await prisma.order.createMany({
      data: slice.map((p) => ({
        id: p.orderId,
        externalId: `BENCH-${p.orderId}`,
        vendorId,
        status: 'SHIPPED' as const,
        dropship: true,
        customerName: 'Bench',
        customerEmail: 'bench@example.com',
        shippingAddress: {},
        currency: 'USD',
        saleAmount: 1000,
        supplierCost: 100,
      })),
    });
    await prisma.tracking.createMany({
      data: slice.map((p) => ({ orderId: p.orderId, number: p.number, carrier: 3011, registeredAt: new Date() })),
    });
  }
  harness.fake.setRatePerSecond(100_000);
  await createTrack17Client({
    baseUrl: harness.fake.baseUrl,
    apiKey: TRACK17_KEY,
    limiter: createRateLimiter(100_000),
  }).register(parcels.map((p) => ({ number: p.number, carrier: 3011 })));
  for (const p of parcels.filter((_, i) => i % 10 === 0))
    await harness.fake.advance(p.number, 'InTransit', { push: false });
  harness.fake.setRatePerSecond(3);
}

/**
 * The worker's own Schedule would refresh the seeded parcels too (they have never been checked) if one of its
 * quarter-hourly runs fell inside this row, and the row would time two refreshers sharing one key's 3 requests/s
 * (in the tenth session, each with a limiter of its own, they got 429s and the row failed). So the Schedule is
 * paused, and any run of it already under way finished, for the row.
 */
async function withScheduledRefreshPaused(context: BenchContext, measure: () => Promise<void>): Promise<void> {
  const { client, harness } = context;
  const schedule = client.schedule.getHandle(trackingScheduleId(harness.taskQueue));
  await schedule.pause('bench row 5 measures one refresh on its own');
  try {
    const running = `WorkflowType = "trackingRefreshWorkflow" AND ExecutionStatus = "Running" AND TaskQueue = "${harness.taskQueue}"`;
    while ((await client.workflow.count(running)).count > 0) await sleep(500);
    await measure();
  } finally {
    await schedule.unpause();
  }
}

/** 5. Requests, wall time and peak rate of a refresh of 1,000 and of N.parcels parcels. */
export async function trackingRefreshRow(context: BenchContext): Promise<void> {
  await withScheduledRefreshPaused(context, () => measureRefresh(context));
}

async function measureRefresh(context: BenchContext): Promise<void> {
  const { prisma, harness, client } = context;
  await seedParcels(context);
  const pool = createPgPool(harness.infra.databaseUrl, { max: 2, connectionTimeoutMillis: 10_000 });
  try {
    const limiter = createSharedRateLimiter(pool, TRACK17_KEY);
    const track17 = createTrack17Client({ baseUrl: harness.fake.baseUrl, apiKey: TRACK17_KEY, limiter });
    await measureRefreshes(context, createTrackingRefreshActivities({ prisma, track17, temporal: client }));
  } finally {
    await pool.end();
  }
}

async function measureRefreshes(
  context: BenchContext,
  refresh: ReturnType<typeof createTrackingRefreshActivities>,
): Promise<void> {
  const { N, harness } = context;
  for (const size of context.quick ? [N.parcels] : [1000, N.parcels]) {
    await sleep(1200); // a clean second before measuring the rate
    const since = Date.now();
    const input = { olderThanMs: 0, maxParcels: size };
    const [result, refreshMs] = await timed(() =>
      new MockActivityEnvironment().run<
        [typeof input],
        RefreshStaleTrackingResult,
        typeof refresh.refreshStaleTracking
      >(refresh.refreshStaleTracking, input),
    );
    const requests = harness.fake.requests.filter((r) => r.at >= since);
    const peak = harness.fake.peakRequestsPerSecond(since);
    const throttled = requests.filter((r) => r.status === 429).length;
    context.row(
      `5. refresh of ${size} parcels (${result.changed} changed)`,
      `${result.requests} requests, ${(refreshMs / 1000).toFixed(1)} s, peak ${peak}/s, ${throttled} × 429`,
      `goal ${Math.ceil(size / 40)} requests, ≤ 3/s`,
      peak <= 3 && result.requests === Math.ceil(size / 40) ? 'ok' : 'MISSED',
    );
  }
}

// Drill 3: PostgreSQL stopped mid-run: the API answers 503 at once rather than hanging, activities retry, and
// every order completes once it is back.
import { sleep } from '../harness';
import { type DrillRun, type Vendor, leftForLater, leftForLaterSince, lifecycle, waitCompleted } from './drillKit';

export async function drillPostgresOutage(run: DrillRun, vendor: Vendor): Promise<void> {
  const { h, quick, record } = run;
  const n = quick ? 10 : 30;
  const outageMs = quick ? 10_000 : 30_000;
  const leftBefore = leftForLater.size;
  const inFlight = Array.from({ length: n }, () => lifecycle(h, vendor));
  await sleep(1500);
  await h.infra.stopDatabase();
  const answers: { status: number; ms: number; code: string }[] = [];
  const probeUntil = Date.now() + outageMs;
  while (Date.now() < probeUntil) {
    const start = Date.now();
    const response = await h.platform.get('/v1/orders?limit=1');
    answers.push({ status: response.status, ms: Date.now() - start, code: response.body?.error?.code ?? '' });
    await sleep(1000);
  }
  await h.infra.startDatabase();
  const ids = await Promise.all(inFlight);
  const counts = await waitCompleted(h, ids, 180_000);
  const slowest = Math.max(...answers.map((a) => a.ms));
  const all503 = answers.every((a) => a.status === 503 && a.code === 'SERVICE_UNAVAILABLE');
  record(
    `3. PostgreSQL stopped for ${outageMs / 1000} s (${n} lifecycles in flight)`,
    all503 && slowest < 10_000 && counts.COMPLETED === n,
    `API during outage: ${answers.length} × ${[...new Set(answers.map((a) => a.status))].join('/')}, slowest ${slowest} ms; after: ${JSON.stringify(counts)}; ${leftForLaterSince(leftBefore)}`,
  );
}

// Row 2: a vendor action's round trip (HTTP → Update → workflow → DB → response) against a raw Update on an
// empty workflow, both warm and taken in turns.
import { supplierOrderBody } from '../../test/support/fixtures';
import { type BenchContext, CONCURRENCY, median, ms, settle, timed } from '../benchContext';
import { finishSignal, pingUpdate } from '../baselineWorkflow';
import { inParallel, percentile, sleep } from '../harness';
import type { IntakeOutcome } from './intake';

/** The first actions of a fresh process compile the route, the update path and the handler: not measured. */
const WARM_UP = 10;

/** The API's Server-Timing steps of one action (auth, read, workflow, reread), in ms. */
function stepsOf(header: string | null): Record<string, number> {
  return Object.fromEntries(
    (header ?? '').split(', ').flatMap((entry) => {
      const [name, duration] = entry.split(';dur=');
      return name && duration ? [[name, Number(duration)]] : [];
    }),
  );
}

/**
 * Where our action's time goes: each step's median over all samples, and its mean over the slowest 1%. `rest` is
 * what the steps do not cover: HTTP both ways, Express, JSON and the client.
 */
function stepsRow(context: BenchContext, samples: { took: number; steps: Record<string, number> }[]): void {
  const withRest: Record<string, number>[] = samples.map(({ took, steps }) => ({
    ...steps,
    rest: took - Object.values(steps).reduce((sum, value) => sum + value, 0),
  }));
  const slowest = [...samples.keys()]
    .sort((a, b) => samples[b]!.took - samples[a]!.took)
    .slice(0, Math.max(1, Math.round(samples.length / 100)))
    .map((index) => withRest[index]!);
  const names = Object.keys(withRest[0] ?? {});
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const typical = (name: string) => median(withRest.map((s) => s[name] ?? 0)).toFixed(1);
  const slow = (name: string) => mean(slowest.map((s) => s[name] ?? 0)).toFixed(1);
  context.row(
    "2. our action's steps (Server-Timing), median / mean of the slowest 1%, ms",
    names.map((name) => `${name} ${typical(name)} / ${slow(name)}`).join(', '),
    '',
    '',
  );
}

/** 2. p50 / p99 of the supplier-order action vs a raw update; then closes every raw workflow row 1 and 2 started. */
export async function vendorActionRow(context: BenchContext, intake: IntakeOutcome): Promise<void> {
  const { N, prisma, vendor, client, baselineQueue } = context;
  await settle(prisma);
  for (const id of intake.intakeIds.slice(-WARM_UP))
    await vendor.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody());
  for (const id of intake.baselineIds.slice(-WARM_UP))
    await client.workflow.getHandle(id).executeUpdate(pingUpdate, { args: ['x'] });
  // One of each in turn, so both meet the same background work (Temporal's visibility writes and PostgreSQL's
  // autovacuum after the intake) instead of ours taking the first seconds and raw the quieter ones after.
  // N.actions of each, in rounds of ROUND fresh orders and baseline workflows: a p99 of 200 samples is the
  // second slowest, and fresh orders are still in the worker's cache (500), so every action stays warm.
  const ROUND = context.quick ? N.actions : 200;
  const actionLatencies: number[] = [];
  const actionSamples: { took: number; steps: Record<string, number> }[] = [];
  const rawLatencies: number[] = [];
  const roundBaselineIds = [...intake.allBaselineIds];
  for (let done = 0; done < N.actions; done += ROUND) {
    const [orderIds, rawIds] =
      done === 0
        ? [intake.intakeIds.slice(0, ROUND), intake.baselineIds.slice(0, ROUND)]
        : [await context.createOrders(ROUND), (await context.rawStarts(baselineQueue, ROUND))[0]];
    if (done > 0) roundBaselineIds.push(...rawIds);
    await settle(prisma);
    for (let i = 0; i < ROUND; i += 1) {
      const [response, took] = await timed(() =>
        vendor.post(`/v1/orders/${orderIds[i]}/supplier-order`, supplierOrderBody()),
      );
      if (response.status !== 200) throw new Error(`action failed: ${JSON.stringify(response.body)}`);
      actionLatencies.push(took);
      actionSamples.push({ took, steps: stepsOf(response.headers.get('server-timing')) });
      const [, rawTook] = await timed(() =>
        client.workflow.getHandle(rawIds[i]!).executeUpdate(pingUpdate, { args: ['x'] }),
      );
      rawLatencies.push(rawTook);
    }
  }
  const p99 = percentile(actionLatencies, 99);
  const rawP99 = percentile(rawLatencies, 99);
  context.row(
    '2. vendor action p50 (supplier-order vs raw update, 1,000 of each alternating)',
    ms(percentile(actionLatencies, 50)),
    ms(percentile(rawLatencies, 50)),
    '',
  );
  context.row('2. vendor action p99', ms(p99), ms(rawP99), `ratio ${(p99 / rawP99).toFixed(2)} (goal ≤ 1.5)`);
  stepsRow(context, actionSamples);
  await inParallel(roundBaselineIds, CONCURRENCY, async (id) => client.workflow.getHandle(id).signal(finishSignal));
  // Wait until Temporal has closed them, visibility included. Closing the baseline's 1,700-1,900 workflows costs
  // it about as much CPU as an intake, and the next row used to measure our intake while that ran and raw's
  // after: 0.27-0.36 of raw then, 0.55-0.74 once they are closed.
  for (;;) {
    const { count } = await client.workflow.count(`TaskQueue = "${baselineQueue}" AND ExecutionStatus = "Running"`);
    if (count === 0) break;
    await sleep(250);
  }
}

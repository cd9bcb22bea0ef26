// `npm run bench`: the service against raw Temporal, measured in the same run on this machine, printed as a
// table. `npm run bench -- --quick` uses small counts for a smoke run, `--rows=1,3` runs only some rows. Numbers go
// in docs/BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { type RefreshStaleTrackingResult, createTrackingRefreshActivities } from '../activities/trackingRefresh';
import { openDatabase } from '../src/db/database';
import type { PrismaClient } from '../src/db/prismaClient';
import { temporalCliPath } from '../src/temporal/devServer';
import { exportHistoryJson } from '../src/temporal/historyExport';
import { createRateLimiter } from '../src/tracking/rateLimiter';
import { createTrack17Client } from '../src/tracking/track17Client';
import { orderWorkflowId } from '../workflows/messages';
import { dropshipOrderBody, supplierOrderBody } from '../test/support/fixtures';
import { apiAs } from '../test/support/api';
import { freePort } from '../test/support/freePort';
import { TRACK17_KEY, inParallel, percentile, startHarness } from './harness';
import { baselineWorkflow, finishSignal, pingUpdate } from './baselineWorkflow';
import { cpuByRole, cpuPerItem } from './cpuByRole';

const quick = process.argv.includes('--quick');
// `--rows=2,4`: only those rows. Row 1's intake and row 2 always run (row 2 acts on row 1's orders).
const rowsArgument = process.argv.find((arg) => arg.startsWith('--rows='))?.slice('--rows='.length);
const wants = (row: number) => !rowsArgument || rowsArgument.split(',').map(Number).includes(row);
const N = {
  intake: quick ? 60 : 300,
  actions: quick ? 40 : 1000,
  open: quick ? 500 : 10_000,
  parcels: quick ? 400 : 10_000,
};
const CONCURRENCY = 16;
// Row 1 takes this many turns of ours then raw and reports the median turn: raw's own rate moves by half between
// runs on this machine, and one turn of each left the ratio to that swing.
const INTAKE_ROUNDS = quick ? 1 : 3;
const rows: [string, string, string, string][] = [];
const ms = (value: number) => `${value.toFixed(1)} ms`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The sum of each role's CPU seconds over several readings taken as [before, after] pairs. */
function addCpu(total: Record<string, number>, before: Record<string, number>, after: Record<string, number>) {
  for (const role of Object.keys(after)) total[role] = (total[role] ?? 0) + (after[role] ?? 0) - (before[role] ?? 0);
}

function row(metric: string, ours: string, baseline: string, verdict: string): void {
  rows.push([metric, ours, baseline, verdict]);
  console.log(`  ${metric}: ${ours} | ${baseline} | ${verdict}`);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Resident memory of a process and its descendants (tsx runs the worker in a child node process). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const own = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return own + children.reduce((sum, child) => sum + rssMiB(Number(child)), 0);
}

async function metric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(url)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').at(-1)) : undefined;
}

/** Waits until every order's new-order email is sent: measurements start on an idle worker, like the baseline's. */
async function settle(prisma: PrismaClient): Promise<void> {
  for (;;) {
    const [orders, sent] = await Promise.all([
      prisma.order.count({ where: { id: { not: { startsWith: 'ord_bench' } } } }),
      prisma.emailOutbox.count({ where: { kind: 'vendor-new-order', status: 'SENT' } }),
    ]);
    if (sent >= orders) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const metricsPort = await freePort();
  const harness = await startHarness({
    name: 'bench',
    env: {
      HOLDING_PERIOD: '5s',
      WORKER_MAX_CACHED_WORKFLOWS: '500',
      WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
    },
  });
  const database = openDatabase(harness.infra.databaseUrl);
  const { prisma } = database;
  const connection = await NativeConnection.connect({ address: harness.infra.temporalAddress });
  const baselineQueue = `${harness.taskQueue}-baseline`;
  const baselineWorker = await Worker.create({
    connection,
    taskQueue: baselineQueue,
    workflowsPath: require.resolve('./baselineWorkflow'),
  });
  const baselineRun = baselineWorker.run();
  const { client, platform } = harness;
  try {
    const temporalVersion = execFileSync(temporalCliPath(), ['--version']).toString().trim();
    const pgVersion = (await prisma.$queryRawUnsafe<{ version: string }[]>('SELECT version()'))[0]!.version.split(
      ' on ',
    )[0];
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; ${temporalVersion}; ${pgVersion}`,
    );
    console.log(`counts: ${JSON.stringify(N)}${quick ? ' (quick)' : ''}\n`);

    const vendorResponse = await platform.post('/v1/vendors', { name: 'Bench vendor', email: 'bench@example.com' });
    const vendorId: string = vendorResponse.body.vendor.id;
    const vendor = apiAs(harness.baseUrl, vendorResponse.body.token);
    const createOrder = async () => {
      const response = await platform.post('/v1/orders', dropshipOrderBody(vendorId));
      if (response.status !== 201)
        throw new Error(`intake failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.order.id as string;
    };
    /** `count` orders through POST /v1/orders, CONCURRENCY at a time; their ids. */
    const createOrders = async (count: number): Promise<string[]> => {
      const ids: string[] = [];
      await inParallel(Array.from({ length: count }), CONCURRENCY, async () => void ids.push(await createOrder()));
      return ids;
    };
    /** Our intake: N.intake orders, timed. */
    const intake = (): Promise<[string[], number]> => timed(() => createOrders(N.intake));
    /** The raw baseline: `count` empty workflows started on `taskQueue`, as many at once as our intake. */
    const rawStarts = async (taskQueue: string, count = N.intake): Promise<[string[], number]> => {
      const ids: string[] = [];
      const [, took] = await timed(() =>
        inParallel(Array.from({ length: count }), CONCURRENCY, async (_, i) => {
          const id = `${taskQueue}-${Date.now()}-${i}`;
          await client.workflow.start(baselineWorkflow, { taskQueue, workflowId: id });
          ids.push(id);
        }),
      );
      return [ids, took];
    };
    /** Orders (or starts) per second of an intake of N.intake that took `took` ms. */
    const rate = (took: number) => N.intake / (took / 1000);
    /** Rates and ratio of the median of `rounds` turns of [our ms, raw ms] for N.intake each. */
    const rateRow = (metric: string, rounds: [oursMs: number, rawMs: number][], note: string) => {
      const ratios = rounds.map(([oursMs, rawMs]) => rawMs / oursMs);
      const turns =
        rounds.length > 1 ? `median of ${rounds.length} turns: ${ratios.map((r) => r.toFixed(2)).join(', ')}; ` : '';
      row(
        metric,
        rate(median(rounds.map(([oursMs]) => oursMs))).toFixed(1),
        rate(median(rounds.map(([, rawMs]) => rawMs))).toFixed(1),
        `ratio ${median(ratios).toFixed(2)} (${turns}${note})`,
      );
    };
    await inParallel(Array.from({ length: 20 }), 4, async () => void (await createOrder())); // warm-up
    await settle(prisma); // the warm-up's emails are not counted in the intake's CPU

    // 1. Order intake vs raw workflow start, in turns. Row 2 acts on the last turn's orders, which are still in
    // the worker's cache (500).
    const intakeTurns: [number, number][] = [];
    const endToEndMs: number[] = [];
    const cpuOurs: Record<string, number> = {};
    const cpuRaw: Record<string, number> = {};
    const allBaselineIds: string[] = [];
    let intakeIds: string[] = [];
    let baselineIds: string[] = [];
    for (let turn = 0; turn < INTAKE_ROUNDS; turn += 1) {
      const cpuBeforeIntake = cpuByRole();
      const [ids, intakeMs] = await intake();
      // The baseline runs on an idle system too: our worker first finishes the orders just taken in.
      const [, drainMs] = await timed(() => settle(prisma));
      const cpuAfterIntake = cpuByRole();
      const [rawIds, rawMs] = await rawStarts(baselineQueue);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the baseline worker's first workflow tasks
      addCpu(cpuOurs, cpuBeforeIntake, cpuAfterIntake);
      addCpu(cpuRaw, cpuAfterIntake, cpuByRole());
      intakeTurns.push([intakeMs, rawMs]);
      console.log(`  (intake turn ${turn + 1}: ours ${rate(intakeMs).toFixed(1)}/s, raw ${rate(rawMs).toFixed(1)}/s)`);
      endToEndMs.push(intakeMs + drainMs);
      [intakeIds, baselineIds] = [ids, rawIds];
      allBaselineIds.push(...rawIds);
    }
    rateRow('1. intake, orders/s (POST /v1/orders vs workflow.start)', intakeTurns, 'goal ≥ 0.7');
    // Where an order's CPU goes, through its first email (bench = load generator, SMTP receiver, raw worker).
    row(
      '1. CPU ms per order / per raw start',
      cpuPerItem({}, cpuOurs, N.intake * INTAKE_ROUNDS),
      cpuPerItem({}, cpuRaw, N.intake * INTAKE_ROUNDS),
      '',
    );
    // End to end, so a worker that looks good on the intake by falling behind on its emails shows here (a worker
    // starved of pollers took twice as long and more; docs/BENCHMARKS.md).
    const endToEnd = median(endToEndMs);
    row(
      '1. intake to the last new-order email sent',
      `${(endToEnd / 1000).toFixed(1)} s (${rate(endToEnd).toFixed(1)} orders/s)`,
      '',
      '',
    );

    // 2. Vendor action round trip vs raw update, both measured warm: the first actions of a fresh process
    // compile the route, the update path and the handler (the slowest samples came from the first seconds).
    await settle(prisma);
    const WARM_UP = 10;
    for (const id of intakeIds.slice(-WARM_UP))
      await vendor.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody());
    for (const id of baselineIds.slice(-WARM_UP))
      await client.workflow.getHandle(id).executeUpdate(pingUpdate, { args: ['x'] });
    // One of each in turn, so both meet the same background work (Temporal's visibility writes and PostgreSQL's
    // autovacuum after the intake) instead of ours taking the first seconds and raw the quieter ones after.
    // N.actions of each, in rounds of ROUND fresh orders and baseline workflows: a p99 of 200 samples is the
    // second slowest, and fresh orders are still in the worker's cache (500), so every action stays warm.
    const ROUND = quick ? N.actions : 200;
    const actionLatencies: number[] = [];
    const rawLatencies: number[] = [];
    const roundBaselineIds = [...allBaselineIds];
    for (let done = 0; done < N.actions; done += ROUND) {
      const [orderIds, rawIds] =
        done === 0
          ? [intakeIds.slice(0, ROUND), baselineIds.slice(0, ROUND)]
          : [await createOrders(ROUND), (await rawStarts(baselineQueue, ROUND))[0]];
      if (done > 0) roundBaselineIds.push(...rawIds);
      await settle(prisma);
      for (let i = 0; i < ROUND; i += 1) {
        const [response, took] = await timed(() =>
          vendor.post(`/v1/orders/${orderIds[i]}/supplier-order`, supplierOrderBody()),
        );
        if (response.status !== 200) throw new Error(`action failed: ${JSON.stringify(response.body)}`);
        actionLatencies.push(took);
        const [, rawTook] = await timed(() =>
          client.workflow.getHandle(rawIds[i]!).executeUpdate(pingUpdate, { args: ['x'] }),
        );
        rawLatencies.push(rawTook);
      }
    }
    const p99 = percentile(actionLatencies, 99);
    const rawP99 = percentile(rawLatencies, 99);
    row(
      '2. vendor action p50 (supplier-order vs raw update, 1,000 of each alternating)',
      ms(percentile(actionLatencies, 50)),
      ms(percentile(rawLatencies, 50)),
      '',
    );
    row('2. vendor action p99', ms(p99), ms(rawP99), `ratio ${(p99 / rawP99).toFixed(2)} (goal ≤ 1.5)`);
    await inParallel(roundBaselineIds, CONCURRENCY, async (id) => client.workflow.getHandle(id).signal(finishSignal));
    // Wait until Temporal has closed them, visibility included. Closing the baseline's 1,700-1,900 workflows costs
    // it about as much CPU as an intake, and the next row used to measure our intake while that ran and raw's
    // after: 0.27-0.36 of raw then, 0.55-0.74 once they are closed.
    for (;;) {
      const { count } = await client.workflow.count(`TaskQueue = "${baselineQueue}" AND ExecutionStatus = "Running"`);
      if (count === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    if (wants(1)) {
      // 1b. The intake path alone: the same POSTs with our worker stopped, so nothing else competes for the two
      // cores (in a deployment the API and the worker run on their own machines), beside raw starts on a task
      // queue no worker polls. With no poller Temporal stores each new task instead of handing it over, on both sides.
      const aloneTurns: [number, number][] = [];
      for (let turn = 0; turn < INTAKE_ROUNDS; turn += 1) {
        await harness.killWorker('SIGTERM');
        const [, aloneMs] = await intake();
        await harness.startWorker();
        await settle(prisma);
        const [, rawAloneMs] = await rawStarts(`${baselineQueue}-unpolled`);
        aloneTurns.push([aloneMs, rawAloneMs]);
      }
      rateRow(
        '1. intake with no worker running (ours stopped; raw on an unpolled queue)',
        aloneTurns,
        "the intake path alone, not the goal's figure",
      );
    }
    if (wants(3)) {
      // 3. Many open orders on one worker with a bounded cache; an action on an evicted order replays it.
      const errors: string[] = [];
      const openIds: string[] = [];
      const [, openMs] = await timed(() =>
        inParallel(Array.from({ length: N.open }), 32, async () => {
          try {
            openIds.push(await createOrder());
          } catch (error) {
            errors.push(String(error));
          }
        }),
      );
      await settle(prisma);
      const workerPid = harness.worker()!.pid!;
      const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      const cached = await metric(metricsUrl, 'temporal_sticky_cache_size');
      const open = await prisma.order.count({ where: { status: 'AWAITING_SUPPLIER_ORDER' } });
      row(
        `3. open orders on one worker (created in ${(openMs / 1000).toFixed(0)} s)`,
        `${open} open, ${errors.length} errors${errors.length > 0 ? ` (${[...new Set(errors)].slice(0, 3).join('; ')})` : ''}`,
        '',
        '',
      );
      row(
        '3. worker RSS / cached workflows (max 500)',
        `${rssMiB(workerPid).toFixed(0)} MiB / ${cached ?? '?'}`,
        '',
        'goal RSS < 1024 MiB',
      );
      const evicted: number[] = [];
      for (const id of openIds.slice(0, 20)) {
        const [response, took] = await timed(() => vendor.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody()));
        if (response.status !== 200) throw new Error(`evicted action failed: ${JSON.stringify(response.body)}`);
        evicted.push(took);
      }
      row(
        '3. vendor action on an evicted order p50 / max',
        `${ms(percentile(evicted, 50))} / ${ms(Math.max(...evicted))}`,
        '',
        '',
      );
    }
    if (wants(4)) {
      // 4. History of one full lifecycle (carrier-delivered, default ladder not breached).
      const lifecycleId = await createOrder();
      await vendor.post(`/v1/orders/${lifecycleId}/supplier-order`, supplierOrderBody());
      const number = `RR${String(randomInt(0, 1e9)).padStart(9, '0')}CN`;
      await vendor.post(`/v1/orders/${lifecycleId}/tracking`, { trackingNumber: number });
      for (const status of ['InfoReceived', 'InTransit', 'OutForDelivery', 'Delivered'] as const)
        await harness.fake.advance(number, status);
      const handle = client.workflow.getHandle(orderWorkflowId(lifecycleId));
      await handle.result();
      const history = await handle.fetchHistory();
      const json = exportHistoryJson(harness.infra.temporalAddress, handle.workflowId);
      row(
        '4. history of one full lifecycle',
        `${history.events?.length} events, ${(json.length / 1024).toFixed(0)} KiB JSON`,
        '',
        'goal < 200 events',
      );
    }
    if (wants(5)) {
      // 5. Fallback refresh of many parcels in transit, through the shared 3 requests/s limiter.
      const refreshVendor = vendorId;
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
            vendorId: refreshVendor,
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
      const refresh = createTrackingRefreshActivities({
        prisma,
        track17: createTrack17Client({ baseUrl: harness.fake.baseUrl, apiKey: TRACK17_KEY }),
        temporal: client,
      });
      for (const size of quick ? [N.parcels] : [1000, N.parcels]) {
        await new Promise((resolve) => setTimeout(resolve, 1200)); // a clean second before measuring the rate
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
        row(
          `5. refresh of ${size} parcels (${result.changed} changed)`,
          `${result.requests} requests, ${(refreshMs / 1000).toFixed(1)} s, peak ${peak}/s, ${throttled} × 429`,
          `goal ${Math.ceil(size / 40)} requests, ≤ 3/s`,
          peak <= 3 && result.requests === Math.ceil(size / 40) ? 'ok' : 'MISSED',
        );
      }
    }
    console.log('\n| metric | dropship-fulfillment | raw Temporal / goal | verdict |\n| --- | --- | --- | --- |');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    baselineWorker.shutdown();
    await baselineRun;
    await connection.close();
    await database.close();
    await harness.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('benchmark failed:', error);
    process.exit(1);
  },
);

// `npm run bench`: the service against raw Temporal, measured in the same run on this machine, printed as a
// table. `npm run bench -- --quick` uses small counts for a smoke run, `--rows=1,3` runs only some rows. Numbers go
// in docs/BENCHMARKS.md. Each row is in bench/rows/.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { openDatabase } from '../src/db/database';
import { temporalCliPath } from '../src/temporal/devServer';
import { apiAs } from '../test/support/api';
import { freePort } from '../test/support/freePort';
import { type BenchContext, newBenchContext, settle } from './benchContext';
import { inParallel, startHarness } from './harness';
import { historySizeRow } from './rows/historySize';
import { intakeRow, intakeWithoutWorkerRow } from './rows/intake';
import { openOrdersRow } from './rows/openOrders';
import { trackingRefreshRow } from './rows/trackingRefresh';
import { vendorActionRow } from './rows/vendorAction';

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

async function printMachine(context: BenchContext): Promise<void> {
  const temporalVersion = execFileSync(temporalCliPath(), ['--version']).toString().trim();
  const [{ version }] = await context.prisma.$queryRawUnsafe<[{ version: string }]>('SELECT version()');
  const cpu = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
  console.log(`machine: ${cpu}; node ${process.version}; ${temporalVersion}; ${version.split(' on ')[0]}`);
  console.log(`counts: ${JSON.stringify(N)}${quick ? ' (quick)' : ''}\n`);
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
  const connection = await NativeConnection.connect({ address: harness.infra.temporalAddress });
  const baselineQueue = `${harness.taskQueue}-baseline`;
  const baselineWorker = await Worker.create({
    connection,
    taskQueue: baselineQueue,
    workflowsPath: require.resolve('./baselineWorkflow'),
  });
  const baselineRun = baselineWorker.run();
  const rows: string[][] = [];
  try {
    const vendorResponse = await harness.platform.post('/v1/vendors', {
      name: 'Bench vendor',
      email: 'bench@example.com',
    });
    const context = newBenchContext(
      {
        harness,
        prisma: database.prisma,
        client: harness.client,
        vendor: apiAs(harness.baseUrl, vendorResponse.body.token),
        vendorId: vendorResponse.body.vendor.id,
        baselineQueue,
        quick,
        N,
      },
      rows,
    );
    await printMachine(context);
    await inParallel(Array.from({ length: 20 }), 4, async () => void (await context.createOrder())); // warm-up
    await settle(context.prisma); // the warm-up's emails are not counted in the intake's CPU

    // Row 2 acts on row 1's last orders, which are still in the worker's cache (500).
    const intake = await intakeRow(context);
    await vendorActionRow(context, intake);
    if (wants(1)) await intakeWithoutWorkerRow(context);
    if (wants(3)) await openOrdersRow(context, `http://127.0.0.1:${metricsPort}/metrics`);
    if (wants(4)) await historySizeRow(context);
    if (wants(5)) await trackingRefreshRow(context);
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

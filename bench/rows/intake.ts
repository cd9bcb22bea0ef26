// Row 1: order intake through POST /v1/orders against raw workflow starts, in turns; and the same intake with our
// worker stopped, which measures the intake path alone.
import { type BenchContext, median, settle, timed } from '../benchContext';
import { cpuByRole, cpuPerItem } from '../cpuByRole';
import { sleep } from '../harness';

/** What row 2 acts on: the last turn's orders and raw workflows (still in the workers' caches), and every raw one. */
export interface IntakeOutcome {
  intakeIds: string[];
  baselineIds: string[];
  allBaselineIds: string[];
}

/**
 * Row 1 takes this many turns of ours then raw and reports the median turn: raw's own rate moves by half between
 * runs on this machine, and one turn of each left the ratio to that swing.
 */
const turnsOf = (context: BenchContext) => (context.quick ? 1 : 3);

/** Orders (or starts) per second of an intake of N.intake that took `took` ms. */
function rate(context: BenchContext, took: number): number {
  return context.N.intake / (took / 1000);
}

/** Rates and ratio of the median of the turns of [our ms, raw ms]. */
function rateRow(context: BenchContext, metric: string, turns: [oursMs: number, rawMs: number][], note: string) {
  const ratios = turns.map(([oursMs, rawMs]) => rawMs / oursMs);
  const listed =
    turns.length > 1 ? `median of ${turns.length} turns: ${ratios.map((r) => r.toFixed(2)).join(', ')}; ` : '';
  context.row(
    metric,
    rate(context, median(turns.map(([oursMs]) => oursMs))).toFixed(1),
    rate(context, median(turns.map(([, rawMs]) => rawMs))).toFixed(1),
    `ratio ${median(ratios).toFixed(2)} (${listed}${note})`,
  );
}

/** Sums each role's CPU seconds between two readings into `total`. */
function addCpu(total: Record<string, number>, before: Record<string, number>, after: Record<string, number>) {
  for (const role of Object.keys(after)) total[role] = (total[role] ?? 0) + (after[role] ?? 0) - (before[role] ?? 0);
}

/** 1. Order intake vs raw workflow start, in turns, with where the CPU goes and the time to the last email. */
export async function intakeRow(context: BenchContext): Promise<IntakeOutcome> {
  const { N, prisma, baselineQueue } = context;
  const turns = turnsOf(context);
  const intakeTurns: [number, number][] = [];
  const endToEndMs: number[] = [];
  const cpuOurs: Record<string, number> = {};
  const cpuRaw: Record<string, number> = {};
  const outcome: IntakeOutcome = { intakeIds: [], baselineIds: [], allBaselineIds: [] };
  for (let turn = 0; turn < turns; turn += 1) {
    const cpuBeforeIntake = cpuByRole();
    const [ids, intakeMs] = await timed(() => context.createOrders(N.intake));
    // The baseline runs on an idle system too: our worker first finishes the orders just taken in.
    const [, drainMs] = await timed(() => settle(prisma));
    const cpuAfterIntake = cpuByRole();
    const [rawIds, rawMs] = await context.rawStarts(baselineQueue);
    await sleep(1_000); // the baseline worker's first workflow tasks
    addCpu(cpuOurs, cpuBeforeIntake, cpuAfterIntake);
    addCpu(cpuRaw, cpuAfterIntake, cpuByRole());
    intakeTurns.push([intakeMs, rawMs]);
    const [oursRate, rawRate] = [rate(context, intakeMs), rate(context, rawMs)];
    console.log(`  (intake turn ${turn + 1}: ours ${oursRate.toFixed(1)}/s, raw ${rawRate.toFixed(1)}/s)`);
    endToEndMs.push(intakeMs + drainMs);
    outcome.intakeIds = ids;
    outcome.baselineIds = rawIds;
    outcome.allBaselineIds.push(...rawIds);
  }
  rateRow(context, '1. intake, orders/s (POST /v1/orders vs workflow.start)', intakeTurns, 'goal ≥ 0.7');
  // Where an order's CPU goes, through its first email (bench = load generator, SMTP receiver, raw worker).
  context.row(
    '1. CPU ms per order / per raw start',
    cpuPerItem({}, cpuOurs, N.intake * turns),
    cpuPerItem({}, cpuRaw, N.intake * turns),
    '',
  );
  // End to end, so a worker that looks good on the intake by falling behind on its emails shows here (a worker
  // starved of pollers took twice as long and more; docs/benchmark-log.md, seventh session).
  const endToEnd = median(endToEndMs);
  context.row(
    '1. intake to the last new-order email sent',
    `${(endToEnd / 1000).toFixed(1)} s (${rate(context, endToEnd).toFixed(1)} orders/s)`,
    '',
    '',
  );
  return outcome;
}

/**
 * 1b. The intake path alone: the same POSTs with our worker stopped, so nothing else competes for the two cores
 * (in a deployment the API and the worker run on their own machines), beside raw starts on a task queue no worker
 * polls. With no poller Temporal stores each new task instead of handing it over, on both sides.
 */
export async function intakeWithoutWorkerRow(context: BenchContext): Promise<void> {
  const { harness, prisma, N } = context;
  const aloneTurns: [number, number][] = [];
  for (let turn = 0; turn < turnsOf(context); turn += 1) {
    await harness.killWorker('SIGTERM');
    const [, aloneMs] = await timed(() => context.createOrders(N.intake));
    await harness.startWorker();
    await settle(prisma);
    const [, rawAloneMs] = await context.rawStarts(`${context.baselineQueue}-unpolled`);
    aloneTurns.push([aloneMs, rawAloneMs]);
  }
  rateRow(
    context,
    '1. intake with no worker running (ours stopped; raw on an unpolled queue)',
    aloneTurns,
    "the intake path alone, not the goal's figure",
  );
}

// What every row of `npm run bench` works with: the deployed service (harness), the raw baseline's task queue,
// the counts, and the ways to take orders in, start raw workflows and print a row.
import { readFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../src/db/prismaClient';
import { dropshipOrderBody } from '../test/support/fixtures';
import type { Api } from '../test/support/api';
import { type Harness, inParallel, sleep } from './harness';
import { baselineWorkflow } from './baselineWorkflow';

export interface Counts {
  intake: number;
  actions: number;
  open: number;
  parcels: number;
}

/** The same number of requests in flight for our intake and raw starts. */
export const CONCURRENCY = 16;

export interface BenchContext {
  harness: Harness;
  prisma: PrismaClient;
  client: Client;
  /** The bench's vendor, as itself (for actions) and by id (for intake bodies). */
  vendor: Api;
  vendorId: string;
  /** The task queue the raw baseline's worker polls. */
  baselineQueue: string;
  /** Small counts for a smoke run. */
  quick: boolean;
  N: Counts;
  /** Prints a row now and keeps it for the closing table. */
  row(metric: string, ours: string, baseline: string, verdict: string): void;
  /** One order through POST /v1/orders; its id. */
  createOrder(): Promise<string>;
  /** `count` orders through POST /v1/orders, CONCURRENCY at a time; their ids. */
  createOrders(count: number): Promise<string[]>;
  /** The raw baseline: `count` empty workflows started on `taskQueue`, as many at once as our intake. */
  rawStarts(taskQueue: string, count?: number): Promise<[ids: string[], ms: number]>;
}

export function newBenchContext(
  fields: Omit<BenchContext, 'row' | 'createOrder' | 'createOrders' | 'rawStarts'>,
  rows: string[][],
): BenchContext {
  const { harness, client, N, vendorId } = fields;
  const createOrder = async () => {
    const response = await harness.platform.post('/v1/orders', dropshipOrderBody(vendorId));
    if (response.status !== 201) throw new Error(`intake failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.order.id as string;
  };
  return {
    ...fields,
    row(metric, ours, baseline, verdict) {
      rows.push([metric, ours, baseline, verdict]);
      console.log(`  ${metric}: ${ours} | ${baseline} | ${verdict}`);
    },
    createOrder,
    async createOrders(count) {
      const ids: string[] = [];
      await inParallel(Array.from({ length: count }), CONCURRENCY, async () => void ids.push(await createOrder()));
      return ids;
    },
    async rawStarts(taskQueue, count = N.intake) {
      const ids: string[] = [];
      const [, took] = await timed(() =>
        inParallel(Array.from({ length: count }), CONCURRENCY, async (_, i) => {
          const id = `${taskQueue}-${Date.now()}-${i}`;
          await client.workflow.start(baselineWorkflow, { taskQueue, workflowId: id });
          ids.push(id);
        }),
      );
      return [ids, took];
    },
  };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Waits until every order's new-order email is sent: measurements start on an idle worker, like the baseline's. */
export async function settle(prisma: PrismaClient): Promise<void> {
  for (;;) {
    const [orders, sent] = await Promise.all([
      prisma.order.count({ where: { id: { not: { startsWith: 'ord_bench' } } } }),
      prisma.emailOutbox.count({ where: { kind: 'vendor-new-order', status: 'SENT' } }),
    ]);
    if (sent >= orders) return;
    await sleep(250);
  }
}

/** Resident memory of a process and its descendants (the esbuild helper that tsx's loader starts). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const own = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return own + children.reduce((sum, child) => sum + rssMiB(Number(child)), 0);
}

// Row 3: many open orders on one worker with a bounded workflow cache; an action on an evicted order replays it.
import { supplierOrderBody } from '../../test/support/fixtures';
import { type BenchContext, ms, rssMiB, settle, timed } from '../benchContext';
import { inParallel, percentile } from '../harness';

/** A value from the worker's Prometheus endpoint. */
async function metric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(url)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').at(-1)) : undefined;
}

/** 3. N.open orders: worker RSS, cached workflows, and actions on the first (long evicted) of them. */
export async function openOrdersRow(context: BenchContext, metricsUrl: string): Promise<void> {
  const { N, prisma, harness, vendor } = context;
  const errors: string[] = [];
  const openIds: string[] = [];
  const [, openMs] = await timed(() =>
    inParallel(Array.from({ length: N.open }), 32, async () => {
      try {
        openIds.push(await context.createOrder());
      } catch (error) {
        errors.push(String(error));
      }
    }),
  );
  await settle(prisma);
  const workerPid = harness.worker()!.pid!;
  const cached = await metric(metricsUrl, 'temporal_sticky_cache_size');
  const open = await prisma.order.count({ where: { status: 'AWAITING_SUPPLIER_ORDER' } });
  const firstErrors = errors.length > 0 ? ` (${[...new Set(errors)].slice(0, 3).join('; ')})` : '';
  context.row(
    `3. open orders on one worker (created in ${(openMs / 1000).toFixed(0)} s)`,
    `${open} open, ${errors.length} errors${firstErrors}`,
    '',
    '',
  );
  context.row(
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
  context.row(
    '3. vendor action on an evicted order p50 / max',
    `${ms(percentile(evicted, 50))} / ${ms(Math.max(...evicted))}`,
    '',
    '',
  );
}

// Drill 2: the Temporal dev server (with its state file) stopped and started again mid-run: no order lost or
// stuck.
import { type DevServer, startTemporalDevServer } from '../../src/temporal/devServer';
import { inParallel, sleep } from '../harness';
import {
  type DrillRun,
  type Vendor,
  leftForLater,
  leftForLaterSince,
  lifecycle,
  statuses,
  waitCompleted,
} from './drillKit';

/** Returns the restarted dev server, which the drills stop at the end. */
export async function drillTemporalRestart(run: DrillRun, vendor: Vendor, dbFile: string): Promise<DevServer> {
  const { h, quick, record } = run;
  const n = quick ? 20 : 50;
  const ids: string[] = [];
  const port = Number(h.infra.temporalAddress.split(':')[1]);
  let server: DevServer | undefined;
  const leftBefore = leftForLater.size;
  const restarter = (async () => {
    await sleep(3000);
    await h.infra.temporal.stop();
    await sleep(3000);
    server = await startTemporalDevServer({ port, dbFile });
  })();
  await inParallel(Array.from({ length: n }), 10, async () => void ids.push(await lifecycle(h, vendor)));
  await restarter;
  const counts = await waitCompleted(h, ids, 180_000);
  const lost = ids.length - Object.values(await statuses(h, ids)).reduce((a, b) => a + b, 0);
  record(
    `2. Temporal dev server restarted mid-run (${n} lifecycles)`,
    counts.COMPLETED === n,
    `${JSON.stringify(counts)}, ${lost} lost; ${leftForLaterSince(leftBefore)}`,
  );
  return server!;
}

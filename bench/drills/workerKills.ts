// Drill 1: the worker SIGKILLed at random points during concurrent lifecycles, then restarted. Every order
// completes, each email arrives exactly once at the SMTP receiver, and every order event reaches the storefront's
// webhook endpoint, signed, at least once and in order per order.
import { randomInt } from 'node:crypto';
import { createPgPool } from '../../src/db/pgPool';
import { type Harness, inParallel, percentile, sleep } from '../harness';
import {
  type DrillRun,
  type Vendor,
  leftForLater,
  leftForLaterSince,
  lifecycle,
  waitCompleted,
  webhookVerdict,
} from './drillKit';

/** Every (recipient, subject) pair must have arrived exactly once; an order's four emails all arrived. */
function emailVerdict(h: Harness, orders: number): { ok: boolean; detail: string } {
  const counts = new Map<string, number>();
  for (const mail of h.mail.messages) {
    const key = `${mail.to.join(',')}|${mail.subject}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([key]) => key);
  const expected = orders * 4; // new order, shipped, delivered, earnings available
  return {
    ok: duplicated.length === 0 && counts.size === expected,
    detail:
      `${counts.size}/${expected} distinct emails, ${duplicated.length} duplicated` +
      (duplicated.length > 0 ? ` (${duplicated.join('; ')})` : ''),
  };
}

/**
 * Where drill 1's duplicates come from. An email that arrived twice: when its first copy was stored against the
 * kill nearest to it (after the kill: the worker had written the whole message, and the receiver had not yet
 * answered). An email that arrived once: from the receiver storing it, just before its 250, to the worker
 * marking it SENT, after which only the commit's write remains.
 */
async function sendTiming(h: Harness, killedAt: number[]): Promise<string> {
  const arrivals = new Map<string, number[]>();
  for (const mail of h.mail.messages) {
    arrivals.set(mail.messageId, [...(arrivals.get(mail.messageId) ?? []), Date.parse(mail.receivedAt)]);
  }
  const nearestKill = (at: number) =>
    killedAt.reduce((best, kill) => (Math.abs(kill - at) < Math.abs(best - at) ? kill : best), killedAt[0] ?? NaN);
  // A duplicate with no kill at all would print NaN: a bug of its own, not this window.
  const afterKill = [...arrivals.values()]
    .filter((stored) => stored.length > 1)
    .map(([first]) => first! - nearestKill(first!));
  const pool = createPgPool(h.infra.databaseUrl, { max: 1, connectionTimeoutMillis: 10_000 });
  try {
    const { rows } = await pool.query<{ messageId: string; sentAt: Date }>(
      `SELECT "messageId", "sentAt" FROM "EmailOutbox" WHERE "sentAt" IS NOT NULL`,
    );
    const windows = rows.flatMap(({ messageId, sentAt }) => {
      const stored = arrivals.get(messageId);
      return stored?.length === 1 ? [sentAt.getTime() - stored[0]!] : [];
    });
    const at = (p: number) => percentile(windows, p).toFixed(0);
    return (
      (afterKill.length > 0 ? `first copies of the duplicates stored ${afterKill.join(', ')} ms after a kill; ` : '') +
      `receiver stored → worker marked SENT p50 ${at(50)} / p90 ${at(90)} / p99 ${at(99)} / max ${at(100)} ms`
    );
  } finally {
    await pool.end();
  }
}

export async function drillWorkerKills(run: DrillRun, vendor: Vendor, killCount: number): Promise<void> {
  const { h, quick, record } = run;
  const n = quick ? 40 : 200;
  h.mail.messages.length = 0;
  let kills = 0;
  const killedAt: number[] = [];
  let running = true;
  const killer = (async () => {
    while (running && kills < killCount) {
      await sleep(randomInt(3000, 8000));
      if (!running) break;
      killedAt.push(Date.now());
      await h.killWorker('SIGKILL');
      kills += 1;
      await sleep(randomInt(500, 3000));
      await h.startWorker();
    }
  })();
  const ids: string[] = [];
  const leftBefore = leftForLater.size;
  await inParallel(Array.from({ length: n }), 25, async () => void ids.push(await lifecycle(h, vendor)));
  running = false;
  await killer;
  if (!h.worker()) await h.startWorker();
  const counts = await waitCompleted(h, ids, 180_000);
  await sleep(3000);
  const mail = emailVerdict(h, n);
  const webhooks = await webhookVerdict(run, ids);
  record(
    `1. worker SIGKILLed ${kills}× during ${n} lifecycles`,
    counts.COMPLETED === n && mail.ok && webhooks.ok,
    `${JSON.stringify(counts)}; ${mail.detail}; ${await sendTiming(h, killedAt)}; ${webhooks.detail}; ` +
      leftForLaterSince(leftBefore),
  );
}

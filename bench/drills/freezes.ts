// Drills 2b and 3b: Temporal, then PostgreSQL, frozen mid-run (SIGSTOP, then SIGCONT): the process keeps its port
// and its connections open and answers nothing, as on a paused VM or behind a network that drops packets. Drills 2
// and 3 stop the server, so every call is refused at once; a frozen one shows what waits for a timeout instead.
// Nothing may hang: each answer comes in time, and every one that is not a success is a 503 with its code. Once
// the server runs again, every order completes, every email arrives once, and every order event reaches the
// storefront's webhook in its order. Drill 3c (./failover.ts) is run and judged the same way.
import { ACTION_WAIT_MS } from '../../src/orders/orderActions';
import { sleep } from '../harness';
import {
  type Attempt,
  type DrillRun,
  type Vendor,
  leftForLater,
  leftForLaterSince,
  lifecycle,
  outboxDelivery,
  waitCompleted,
  webhookVerdict,
} from './drillKit';

export interface Freeze {
  /** "2b. Temporal dev server frozen" */
  drill: string;
  /** How long it stays frozen in a full run (10 s in a quick one). */
  frozenMs: number;
  pause(): void | Promise<void>;
  resume(): void | Promise<void>;
}

/**
 * How long a proxy in front of the API commonly waits for an answer (nginx's proxy_read_timeout, AWS ALB's idle
 * timeout) before it gives the client a bare 504: every answer must come sooner.
 */
const PROXY_TIMEOUT_MS = 60_000;

/** Answers that are neither a success nor the 409 of an action a retry finds done. */
const refused = (a: Attempt) => ![200, 201, 409].includes(a.status);

/**
 * `n` lifecycles in flight and `n` more started while frozen, each answer timed. A success or a 503 with its error
 * code passes (a carrier push's 503 has no body to read); anything else, or an answer slower than a proxy waits,
 * fails.
 */
export async function drillFrozen(run: DrillRun, vendor: Vendor, freeze: Freeze): Promise<void> {
  const { h, quick, record } = run;
  const n = quick ? 10 : 30;
  const frozenMs = quick ? 10_000 : freeze.frozenMs;
  const leftBefore = leftForLater.size;
  const attempts: Attempt[] = [];
  const observer = (attempt: Attempt) => void attempts.push(attempt);
  const inFlight = Array.from({ length: n }, () => lifecycle(h, vendor, observer));
  await sleep(1500);
  await freeze.pause();
  const frozenAt = Date.now();
  try {
    for (let started = 0; Date.now() - frozenAt < frozenMs; started += 1) {
      if (started < n) inFlight.push(lifecycle(h, vendor, observer));
      await sleep(frozenMs / n);
    }
  } finally {
    await freeze.resume();
  }
  const resumedAt = Date.now();
  const ids = await Promise.all(inFlight);
  const counts = await waitCompleted(h, ids, 240_000);
  const completedAfterS = ((Date.now() - resumedAt) / 1000).toFixed(0);
  const delivery = await outboxDelivery(h, ids, { waitMs: 240_000 });
  const webhooks = await webhookVerdict(run, ids);

  const wrong = attempts.filter((a) => refused(a) && !(a.status === 503 && (a.code || a.step === 'carrier push')));
  const slowest = attempts.reduce((a, b) => (b.ms > a.ms ? b : a));
  const steps = [...new Set(attempts.map((a) => a.step))];
  const slowestOf = (step: string) => Math.max(...attempts.filter((a) => a.step === step).map((a) => a.ms));
  const answers503 = attempts.filter((a) => a.status === 503);
  const codes = [...new Set(answers503.map((a) => `${a.step} ${a.code || '503'}`))].join(', ');
  const pastWait = attempts.filter((a) => a.ms > ACTION_WAIT_MS).length;
  record(
    `${freeze.drill} for ${frozenMs / 1000} s (${ids.length} lifecycles)`,
    wrong.length === 0 &&
      slowest.ms < PROXY_TIMEOUT_MS &&
      counts.COMPLETED === ids.length &&
      delivery.unsent + delivery.missing + delivery.duplicated + delivery.outOfOrder === 0 &&
      webhooks.ok,
    `${attempts.length} answers, ${answers503.length} × 503 (${codes || 'none'}), ${wrong.length} other failures ` +
      `${JSON.stringify(wrong.slice(0, 5))}, slowest ${slowest.step} ${slowest.ms} ms (${slowest.status}), ` +
      `slowest ${steps.join(' / ')} ${steps.map(slowestOf).join(' / ')} ms, ` +
      `${pastWait} past ${ACTION_WAIT_MS / 1000} s; ` +
      `after: ${JSON.stringify(counts)} ${completedAfterS} s after it ran again; ` +
      `${delivery.emails} emails, ${delivery.unsent} unsent, ${delivery.missing} missing, ` +
      `${delivery.duplicated} duplicated, ${delivery.outOfOrder} out of order; ` +
      `${webhooks.detail}; ` +
      leftForLaterSince(leftBefore),
  );
}

export async function drillTemporalFrozen(run: DrillRun, vendor: Vendor): Promise<void> {
  const server = run.h.infra.temporal.process;
  await drillFrozen(run, vendor, {
    drill: '2b. Temporal dev server frozen (SIGSTOP) mid-run',
    // No update is accepted while it is frozen, so no answer waits past the first wait and the check: 30 s shows it.
    frozenMs: 30_000,
    pause: () => void server.kill('SIGSTOP'),
    resume: () => void server.kill('SIGCONT'),
  });
}

export async function drillPostgresFrozen(run: DrillRun, vendor: Vendor): Promise<void> {
  const { infra } = run.h;
  await drillFrozen(run, vendor, {
    drill: '3b. PostgreSQL frozen (SIGSTOP) mid-run',
    // Longer than a proxy waits: an action the workflow accepted just before is held up by its write all along.
    frozenMs: 90_000,
    pause: () => infra.pauseDatabase(),
    resume: () => infra.resumeDatabase(),
  });
}

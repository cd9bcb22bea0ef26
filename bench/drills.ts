// `npm run drills`: scripted fault drills against the service as deployed (API and worker processes, Temporal
// dev server with a state file, embedded PostgreSQL, SMTP catcher, 17TRACK fake). Each prints PASS or FAIL
// with what it saw; the command exits non-zero if any fails. `-- --quick` uses smaller counts, `--only=kill,…`
// runs some drills (duplicates, fuzz, 17track, kill, postgres, temporal, api-kill), `--kills=N` kills the worker
// N times in drill 1.
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgPool } from '../src/db/pgPool';
import { ROUTES } from '../src/http/openapi';
import { type DevServer, startTemporalDevServer } from '../src/temporal/devServer';
import { signPush } from '../src/tracking/track17Signature';
import { orderWorkflowId } from '../workflows/messages';
import { type Api, apiAs } from '../test/support/api';
import { dropshipOrderBody, supplierOrderBody } from '../test/support/fixtures';
import { type Harness, inParallel, percentile, startHarness } from './harness';

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const killCount = Number(process.argv.find((arg) => arg.startsWith('--kills='))?.slice('--kills='.length) ?? 4);
const results: { drill: string; pass: boolean; detail: string }[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const trackingNumber = () => `RR${String(randomInt(0, 1e9)).padStart(9, '0')}CN`;

interface Vendor {
  id: string;
  api: Api;
}

async function newVendor(h: Harness, name: string): Promise<Vendor> {
  const response = await h.platform.post('/v1/vendors', {
    name,
    email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`,
  });
  return { id: response.body.vendor.id, api: apiAs(h.baseUrl, response.body.token) };
}

/** Retries a request while the service is unavailable (a client's normal behaviour during an outage). */
async function persist(call: () => Promise<{ status: number; body: any }>, okStatuses: number[]): Promise<any> {
  for (let attempt = 0; ; attempt += 1) {
    // Status 0: no HTTP answer at all; the body keeps why, for the message if it never recovers.
    const response = await call().catch((error: unknown) => ({
      status: 0,
      body: String((error as { cause?: unknown })?.cause ?? error),
    }));
    if (okStatuses.includes(response.status)) return response.body;
    if (attempt > 600) throw new Error(`gave up: ${response.status} ${JSON.stringify(response.body)}`);
    await sleep(500);
  }
}

/** One order from paid to COMPLETED, driven like a storefront, a vendor and a carrier would. */
async function lifecycle(h: Harness, vendor: Vendor): Promise<string> {
  const body = dropshipOrderBody(vendor.id);
  const created = await persist(() => h.platform.post('/v1/orders', body), [200, 201]);
  const id: string = created.order.id;
  await persist(() => vendor.api.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody()), [200, 409]);
  const number = trackingNumber();
  await persist(() => vendor.api.post(`/v1/orders/${id}/tracking`, { trackingNumber: number }), [200, 409]);
  await persist(
    async () => ({ status: (await h.fake.advance(number, 'Delivered')) ?? 0, body: undefined }),
    [200, 409],
  );
  return id;
}

async function statuses(h: Harness, ids: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const status = (await h.platform.get(`/v1/orders/${id}`)).body?.order?.status ?? 'unreadable';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

async function waitCompleted(h: Harness, ids: string[], timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await statuses(h, ids);
    if (counts.COMPLETED === ids.length || Date.now() > deadline) return counts;
    await sleep(2000);
  }
}

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

function record(drill: string, pass: boolean, detail: string): void {
  results.push({ drill, pass, detail });
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${drill}: ${detail}`);
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
      `first copies of the duplicates stored ${afterKill.join(', ') || '-'} ms after a kill; ` +
      `receiver stored → worker marked SENT p50 ${at(50)} / p90 ${at(90)} / p99 ${at(99)} / max ${at(100)} ms`
    );
  } finally {
    await pool.end();
  }
}

async function drillWorkerKills(h: Harness, vendor: Vendor): Promise<void> {
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
  await inParallel(Array.from({ length: n }), 25, async () => void ids.push(await lifecycle(h, vendor)));
  running = false;
  await killer;
  if (!h.worker()) await h.startWorker();
  const counts = await waitCompleted(h, ids, 180_000);
  await sleep(3000);
  const mail = emailVerdict(h, n);
  record(
    `1. worker SIGKILLed ${kills}× during ${n} lifecycles`,
    counts.COMPLETED === n && mail.ok,
    `${JSON.stringify(counts)}; ${mail.detail}; ${await sendTiming(h, killedAt)}`,
  );
}

async function drillTemporalRestart(h: Harness, vendor: Vendor, dbFile: string): Promise<DevServer> {
  const n = quick ? 20 : 50;
  const ids: string[] = [];
  const port = Number(h.infra.temporalAddress.split(':')[1]);
  let server: DevServer | undefined;
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
    `${JSON.stringify(counts)}, ${lost} lost`,
  );
  return server!;
}

async function drillPostgresOutage(h: Harness, vendor: Vendor): Promise<void> {
  const n = quick ? 10 : 30;
  const outageMs = quick ? 10_000 : 30_000;
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
    `API during outage: ${answers.length} × ${[...new Set(answers.map((a) => a.status))].join('/')}, slowest ${slowest} ms; after: ${JSON.stringify(counts)}`,
  );
}

async function drill17TrackFailures(h: Harness, vendor: Vendor): Promise<void> {
  const n = 20;
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const created = await h.platform.post('/v1/orders', dropshipOrderBody(vendor.id));
    await vendor.api.post(`/v1/orders/${created.body.order.id}/supplier-order`, supplierOrderBody());
    ids.push(created.body.order.id);
  }
  await sleep(1500);
  const since = Date.now();
  h.fake.failNext(8, 500);
  const answers: number[] = [];
  const failures = (async () => {
    await sleep(2000);
    h.fake.failNext(6, 429);
    await sleep(3000);
    h.fake.failNext(3, 'timeout');
  })();
  await inParallel(ids, 10, async (id) => {
    answers.push((await vendor.api.post(`/v1/orders/${id}/tracking`, { trackingNumber: trackingNumber() })).status);
  });
  await failures;
  const requests = h.fake.requests.filter((r) => r.at >= since);
  const peak = h.fake.peakRequestsPerSecond(since);
  const shipped = (await statuses(h, ids)).SHIPPED ?? 0;
  const failedAnswers = answers.filter((s) => s !== 200);
  record(
    '4. 17TRACK answering 500 / 429 / timeouts',
    shipped === n && peak <= 3 && failedAnswers.length === 0,
    `${shipped}/${n} shipped, ${requests.length} requests, peak ${peak}/s, vendor answers ${JSON.stringify(answers.reduce<Record<number, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {}))}`,
  );
}

const HOSTILE_STRINGS = [
  '\' OR 1=1; DROP TABLE "Order"; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '\u0000\u202e\ud83d\ude00 ZWJ\u200d',
  'x'.repeat(5000),
  '{{7*7}}',
  'ord_' + 'a'.repeat(40),
];
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  NaN,
  [],
  {},
  [1, 2],
  { __proto__: { admin: true } },
  ...HOSTILE_STRINGS,
];

function pick<T>(items: readonly T[]): T {
  return items[randomInt(0, items.length)]!;
}

async function drillFuzzer(h: Harness, vendorA: Vendor, vendorB: Vendor): Promise<void> {
  const total = quick ? 2000 : 10_000;
  const target = await lifecycleStart(h, vendorA);
  const snapshot = async () => {
    const orders = await h.platform.get('/v1/orders?limit=100');
    const order = (await h.platform.get(`/v1/orders/${target}`)).body.order;
    return JSON.stringify({
      count: orders.body.orders.length,
      status: order.status,
      events: order.events.length,
      vendors: (await h.platform.post('/v1/vendors', 'x')).status,
    });
  };
  const before = await snapshot();
  const tokens = [undefined, 'garbage', 'dfv_forged', vendorA, vendorB, 'platform'] as const;
  const fiveXX: string[] = [];
  let badShape = 0;
  const ids = [target, 'ord_doesnotexist', `${target}x`, '../orders', '%00', 'ord_' + 'z'.repeat(41)];
  await inParallel(Array.from({ length: total }), 16, async () => {
    const route = pick(ROUTES);
    const token = pick(tokens);
    const api = token === 'platform' ? h.platform : typeof token === 'object' ? token.api : apiAs(h.baseUrl, token);
    const path = route.path.replace('{id}', encodeURIComponent(pick(ids)));
    let body: unknown;
    const headers: Record<string, string> = {};
    if (route.method === 'post') {
      const roll = randomInt(0, 5);
      // Every body is invalid by construction: an unknown top-level field (strict schemas), a wrong type,
      // raw bytes that are not JSON, or a forged webhook signature.
      if (roll === 0) body = '{"externalId": "x", ';
      else if (roll === 1) body = JSON.stringify(pick(HOSTILE_VALUES));
      else if (roll === 2)
        body = JSON.stringify({
          ...dropshipOrderBody(vendorB.id),
          [pick(['status', 'vendor', '__proto__', 'earnings'])]: pick(HOSTILE_VALUES),
        });
      else if (roll === 3)
        body = JSON.stringify({
          ...supplierOrderBody(),
          shipTo: pick(HOSTILE_VALUES),
          amountPaid: { amount: pick(HOSTILE_VALUES), currency: 'usd' },
        });
      else
        body = JSON.stringify({
          reason: pick(HOSTILE_VALUES),
          outcome: pick(HOSTILE_STRINGS),
          trackingNumber: pick(HOSTILE_VALUES),
          extra: 1,
        });
      if (route.path.includes('webhooks')) headers.sign = signPush(String(body), 'not-the-key');
      if (randomInt(0, 10) === 0)
        headers['content-type'] = pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=utf-7',
        ]);
    }
    const query =
      route.method === 'get' && randomInt(0, 2) === 0
        ? `?${pick(['status=SHIPPED;DROP', 'limit=-5', 'cursor=%ff%fe', 'vendorId[]=x', 'admin=true', 'limit=1e9'])}`
        : '';
    const response = await api
      .call(route.method.toUpperCase(), `${path}${query}`, body, headers)
      .catch(() => ({ status: 0, body: undefined }));
    if (response.status >= 500 || response.status === 0) fiveXX.push(`${route.method} ${path} → ${response.status}`);
    else if (
      response.status >= 400 &&
      !(
        response.body?.error?.code &&
        response.body?.error?.message &&
        typeof response.body?.error?.details === 'object'
      )
    )
      badShape += 1;
  });
  const after = await snapshot();
  record(
    `5. fuzzer: ${total} malformed or hostile requests`,
    fiveXX.length === 0 && badShape === 0 && before === after,
    `${fiveXX.length} × 5xx${fiveXX.length ? ` (e.g. ${fiveXX[0]})` : ''}, ${badShape} errors off-shape, state ${before === after ? 'unchanged' : `CHANGED ${before} → ${after}`}`,
  );
}

/**
 * 7. The API SIGKILLed during intakes from a storefront that sends each order once and never retries. An order
 * the API wrote before it died, whether or not it had started the workflow, must get its workflow and its one
 * new-order email with nobody's help: the intake repair Schedule (every 5 minutes, pending starts older than a
 * minute) does it, so this drill waits up to 7 minutes.
 */
async function drillApiKills(h: Harness, vendor: Vendor): Promise<void> {
  const kills = quick ? 2 : 4;
  const sent: string[] = [];
  const answers: Record<string, number> = {};
  let sending = true;
  const killer = (async () => {
    for (let killed = 0; killed < kills; killed += 1) {
      await sleep(randomInt(1000, 3000));
      await h.killApi('SIGKILL');
      await h.startApi();
    }
    await sleep(1000);
    sending = false;
  })();
  await inParallel(Array.from({ length: 16 }), 16, async () => {
    while (sending) {
      const body = dropshipOrderBody(vendor.id);
      sent.push(body.externalId);
      const { status } = await h.platform.post('/v1/orders', body).catch(() => ({ status: 0 }));
      answers[status] = (answers[status] ?? 0) + 1;
      if (status === 0) await sleep(200); // refused while the API restarts: that order is the storefront's loss
    }
  });
  await killer;

  const pool = createPgPool(h.infra.databaseUrl, { max: 1, connectionTimeoutMillis: 10_000 });
  try {
    const written = async () =>
      (
        await pool.query<{ id: string; externalId: string; pending: boolean }>(
          `SELECT o."id", o."externalId", p."orderId" IS NOT NULL AS "pending"
           FROM "Order" o LEFT JOIN "PendingWorkflowStart" p ON p."orderId" = o."id"
           WHERE o."externalId" = ANY($1)`,
          [sent],
        )
      ).rows;
    const orders = await written();
    const leftPending = orders.filter((order) => order.pending);
    const running = async (orderId: string) =>
      (
        await h.client.workflow
          .getHandle(orderWorkflowId(orderId))
          .describe()
          .catch(() => null)
      )?.status.name === 'RUNNING';
    let withoutWorkflow = 0; // the orders that were lost before the intake repair existed
    for (const order of leftPending) if (!(await running(order.id))) withoutWorkflow += 1;
    const deadline = Date.now() + 7 * 60_000;
    while ((await written()).some((order) => order.pending) && Date.now() < deadline) await sleep(5000);
    await sleep(5000); // the repaired orders' first workflow tasks and their emails
    const newOrderEmails = (externalId: string) =>
      h.mail.messages.filter((m) => m.subject.startsWith('New dropshipping order') && m.subject.includes(externalId))
        .length;
    const emailCounts = orders.map((order) => newOrderEmails(order.externalId));
    const notRunning: string[] = [];
    for (const order of orders) if (!(await running(order.id))) notRunning.push(order.id);
    const stillPending = (await written()).filter((order) => order.pending).length;
    const wrongEmails = emailCounts.filter((count) => count !== 1).length;
    record(
      `7. API SIGKILLed ${kills}× during one-shot intakes`,
      stillPending === 0 && notRunning.length === 0 && wrongEmails === 0,
      `${sent.length} sent (answers ${JSON.stringify(answers)}), ${orders.length} written, ${leftPending.length} ` +
        `left without a confirmed start by the kills (${withoutWorkflow} of them with no workflow); after the ` +
        `repair: ${stillPending} pending, ${notRunning.length} ` +
        `without a running workflow, ${wrongEmails} without exactly one new-order email`,
    );
  } finally {
    await pool.end();
  }
}

async function lifecycleStart(h: Harness, vendor: Vendor): Promise<string> {
  return (await h.platform.post('/v1/orders', dropshipOrderBody(vendor.id))).body.order.id;
}

async function drillDuplicates(h: Harness, vendor: Vendor): Promise<void> {
  const body = dropshipOrderBody(vendor.id);
  const responses = await Promise.all(Array.from({ length: 50 }, () => h.platform.post('/v1/orders', body)));
  const ids = new Set(responses.map((r) => r.body?.order?.id));
  const runs: string[] = [];
  for await (const run of h.client.workflow.list({ query: `WorkflowId = '${orderWorkflowId([...ids][0] as string)}'` }))
    runs.push(run.runId);
  await sleep(3000);
  const emails = h.mail.messages.filter((m) => m.subject.includes(body.externalId)).length;
  record(
    '6. 50 concurrent duplicate POST /v1/orders',
    ids.size === 1 && runs.length === 1 && emails === 1,
    `${ids.size} order, ${runs.length} workflow run, ${emails} email; statuses ${[...new Set(responses.map((r) => r.status))].join('/')}`,
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dropship-drills-'));
  const dbFile = join(dataDir, 'temporal.sqlite');
  const h = await startHarness({
    name: 'drills',
    env: { HOLDING_PERIOD: '3s' },
    temporalDbFile: dbFile,
    forceEmbeddedPostgres: true,
  });
  let restarted: DevServer | undefined;
  const run = (name: string) => !only || only.split(',').includes(name);
  try {
    const vendorA = await newVendor(h, 'Drill vendor A');
    const vendorB = await newVendor(h, 'Drill vendor B');
    if (run('duplicates')) await drillDuplicates(h, vendorA);
    if (run('fuzz')) await drillFuzzer(h, vendorA, vendorB);
    if (run('17track')) await drill17TrackFailures(h, vendorA);
    if (run('kill')) await drillWorkerKills(h, vendorA);
    if (run('postgres')) await drillPostgresOutage(h, vendorA);
    if (run('temporal')) restarted = await drillTemporalRestart(h, vendorA, dbFile);
    if (run('api-kill')) await drillApiKills(h, vendorA);
  } finally {
    await h.stop().catch(() => undefined);
    await restarted?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('\n| drill | verdict | what was seen |\n| --- | --- | --- |');
  for (const r of results) console.log(`| ${r.drill} | ${r.pass ? 'PASS' : 'FAIL'} | ${r.detail} |`);
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error('drills failed to run:', error);
    process.exit(2);
  },
);

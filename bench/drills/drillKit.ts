// What every fault drill works with: the deployed service (harness), the run's options and its verdicts, and
// the storefront, vendor and carrier moves a drill makes.
import { type Api, apiAs } from '../../test/support/api';
import { dropshipOrderBody, newTrackingNumber, supplierOrderBody } from '../../test/support/fixtures';
import { createPgPool } from '../../src/db/pgPool';
import type { CaughtMail } from '../../src/mail/mailCatcher';
import type { StorefrontReceiver } from '../../test/support/storefrontReceiver';
import { type Harness, sleep } from '../harness';

export interface DrillRun {
  h: Harness;
  /** The storefront's webhook endpoint the workers post the change feed to. */
  storefront: StorefrontReceiver;
  /** Smaller counts for a smoke run. */
  quick: boolean;
  /** Prints a drill's verdict now and keeps it for the closing table. */
  record(drill: string, pass: boolean, detail: string): void;
}

export interface Vendor {
  id: string;
  token: string;
  api: Api;
}

export async function newVendor(h: Harness, name: string): Promise<Vendor> {
  const response = await h.platform.post('/v1/vendors', {
    name,
    email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`,
  });
  return { id: response.body.vendor.id, token: response.body.token, api: apiAs(h.baseUrl, response.body.token) };
}

/** One answer the service gave a drill's storefront, vendor or carrier: to which step, how, and how fast. */
export interface Attempt {
  step: string;
  status: number;
  /** The error's `code` (PRODUCT §6), or '' for an answer without one. */
  code: string;
  ms: number;
}

/** Sees every attempt a lifecycle makes, retries included. */
export type AttemptObserver = (attempt: Attempt) => void;

/** Retries a request while the service is unavailable (a client's normal behaviour during an outage). */
export async function persist(
  call: () => Promise<{ status: number; body: any }>,
  okStatuses: number[],
  observe?: { step: string; observer: AttemptObserver },
): Promise<any> {
  for (let attempt = 0; ; attempt += 1) {
    const start = Date.now();
    // Status 0: no HTTP answer at all; the body keeps why, for the message if it never recovers.
    const response = await call().catch((error: unknown) => ({
      status: 0,
      body: String((error as { cause?: unknown })?.cause ?? error),
    }));
    const code: unknown = response.body?.error?.code;
    observe?.observer({
      step: observe.step,
      status: response.status,
      code: typeof code === 'string' ? code : '',
      ms: Date.now() - start,
    });
    if (okStatuses.includes(response.status)) return response.body;
    if (attempt > 600) throw new Error(`gave up: ${response.status} ${JSON.stringify(response.body)}`);
    await sleep(500);
  }
}

/**
 * Tracking numbers 17TRACK did not follow yet when the carrier delivered: entered while many others were, their
 * registration queued past TRACK17_WAIT_MS behind the account's 3 requests/s, and the order shipped with the number
 * left for later (as during an outage), for the late registration run to register within a minute. 17TRACK reports
 * only the numbers it follows, so the carrier's push waits for that; drills report how many there were.
 */
export const leftForLater = new Set<string>();

/** What a drill reports of them, `before` being `leftForLater.size` at its start. */
export function leftForLaterSince(before: number): string {
  return `${leftForLater.size - before} tracking numbers registered late (entries queued past the wait on 17TRACK's 3/s)`;
}

/** The carrier reports `number` delivered, its push to the webhook retried until answered with `okStatuses`. */
export async function carrierDelivers(
  h: Harness,
  number: string,
  okStatuses: number[],
  observer?: AttemptObserver,
): Promise<void> {
  const push = async () => {
    if (!h.fake.parcels.has(number)) leftForLater.add(number);
    return { status: (await h.fake.advance(number, 'Delivered')) ?? 0, body: undefined };
  };
  // Status 0: 17TRACK does not follow the number yet, so the carrier had nothing to push; no answer to observe.
  const pushed = observer && ((attempt: Attempt) => attempt.status !== 0 && observer(attempt));
  await persist(push, okStatuses, pushed && { step: 'carrier push', observer: pushed });
}

/**
 * One order from paid to COMPLETED, driven like a storefront, a vendor and a carrier would; `observer` sees each
 * answer on the way.
 */
export async function lifecycle(h: Harness, vendor: Vendor, observer?: AttemptObserver): Promise<string> {
  const as = (step: string) => observer && { step, observer };
  const body = dropshipOrderBody(vendor.id);
  const created = await persist(() => h.platform.post('/v1/orders', body), [200, 201], as('intake'));
  const id: string = created.order.id;
  const purchase = () => vendor.api.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody());
  await persist(purchase, [200, 409], as('supplier order'));
  const number = newTrackingNumber();
  const tracking = () => vendor.api.post(`/v1/orders/${id}/tracking`, { trackingNumber: number });
  await persist(tracking, [200, 409], as('tracking'));
  await carrierDelivers(h, number, [200, 409], observer);
  return id;
}

export async function statuses(h: Harness, ids: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const status = (await h.platform.get(`/v1/orders/${id}`)).body?.order?.status ?? 'unreadable';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

export async function waitCompleted(h: Harness, ids: string[], timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await statuses(h, ids);
    if (counts.COMPLETED === ids.length || Date.now() > deadline) return counts;
    await sleep(2000);
  }
}

export interface OutboxDelivery {
  /** Emails the orders asked for (outbox rows). */
  emails: number;
  /** Neither SENT nor OUTDATED. */
  unsent: number;
  /** Deferred by an SMTP outage, and not sent after it: their order had moved on (src/mail/outdatedEmail.ts). */
  outdated: number;
  /** SENT, with no copy at the receiver. */
  missing: number;
  /** More than one copy at the receiver, or any copy of an OUTDATED one. */
  duplicated: number;
  /** Two emails about one order to one person that arrived in the other order than they were asked for. */
  outOfOrder: number;
}

interface OutboxRow {
  messageId: string;
  status: string;
  orderId: string;
  to: string;
  createdAt: Date;
}

/**
 * How many pairs of `sent` emails, about one order to one person and asked for one after the other, the receiver
 * got the other way round (by where each first copy lies in `received`).
 */
function emailsOutOfOrder(sent: OutboxRow[], received: CaughtMail[]): number {
  const arrival = new Map<string, number>();
  received.forEach((mail, index) => {
    if (mail.messageId && !arrival.has(mail.messageId)) arrival.set(mail.messageId, index);
  });
  const byReader = new Map<string, OutboxRow[]>();
  for (const row of sent) {
    const reader = `${row.orderId} ${row.to}`;
    byReader.set(reader, [...(byReader.get(reader) ?? []), row]);
  }
  let outOfOrder = 0;
  for (const rows of byReader.values()) {
    const arrived = rows
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((row) => arrival.get(row.messageId))
      .filter((index) => index !== undefined);
    outOfOrder += arrived.filter((index, i) => i > 0 && index < arrived[i - 1]!).length;
  }
  return outOfOrder;
}

/**
 * Every email `ids` asked for, by the Message-ID its outbox row gave it, once all are SENT or OUTDATED (or `waitMs`
 * has passed): how many the receiver has not got, or got more than once. `received` is what the receiver holds,
 * with any a restarted receiver lost.
 */
export async function outboxDelivery(
  h: Harness,
  ids: string[],
  { waitMs, received = () => h.mail.messages }: { waitMs: number; received?: () => CaughtMail[] },
): Promise<OutboxDelivery> {
  const pool = createPgPool(h.infra.databaseUrl, { max: 1, connectionTimeoutMillis: 10_000 });
  let outbox: OutboxRow[] = [];
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      ({ rows: outbox } = await pool.query<OutboxRow>(
        `SELECT "messageId", "status"::text AS "status", "orderId", "to", "createdAt" FROM "EmailOutbox"
         WHERE "orderId" = ANY($1)`,
        [ids],
      ));
      if (outbox.every((row) => row.status === 'SENT' || row.status === 'OUTDATED') || Date.now() > deadline) break;
      await sleep(2_000);
    }
  } finally {
    await pool.end();
  }
  await sleep(1_000); // a second copy, if one were sent, would be here
  const all = received();
  const copiesOf = (rows: typeof outbox) =>
    rows.map((row) => all.filter((mail) => mail.messageId === row.messageId).length);
  const sent = copiesOf(outbox.filter((row) => row.status === 'SENT'));
  const outdated = copiesOf(outbox.filter((row) => row.status === 'OUTDATED'));
  return {
    emails: outbox.length,
    unsent: outbox.length - sent.length - outdated.length,
    outdated: outdated.length,
    missing: sent.filter((count) => count === 0).length,
    duplicated: sent.filter((count) => count > 1).length + outdated.filter((count) => count > 0).length,
    outOfOrder: emailsOutOfOrder(
      outbox.filter((row) => row.status === 'SENT'),
      all,
    ),
  };
}

/** An order a drill bought and shipped while something was broken, with how the service answered each step. */
export interface ShippedOrder {
  id: string;
  trackingNumber: string;
  /** The tracking entry was answered 200: the order shipped, and the carrier may deliver it. */
  shipped: boolean;
}

/** What the service answered the storefront and the vendor in `buyAndShip`, for a drill's verdict. */
export interface StepAnswers {
  /** How many intakes and vendor actions there were. */
  count: number;
  /** The steps not answered 200 or 201, as "tracking 503". */
  notOk: string[];
  /** The slowest answer of all, in ms. */
  slowestMs: number;
  /** "slowest intake / supplier order / tracking 684 / 10452 / 7379 ms" */
  slowestSteps: string;
}

/**
 * `n` orders, each taken in by the storefront, bought and shipped by the vendor at once, every step timed; `afterShip`
 * runs for each order once shipped (or not), with its index: the carrier delivering it, or not yet.
 */
export async function buyAndShip(
  h: Harness,
  vendor: Vendor,
  n: number,
  afterShip: (order: ShippedOrder, index: number) => Promise<void>,
): Promise<{ orders: ShippedOrder[]; answers: StepAnswers }> {
  const answers: { step: string; status: number; ms: number }[] = [];
  const timed = async (step: string, call: () => Promise<{ status: number; body: any }>) => {
    const start = Date.now();
    const response = await call();
    answers.push({ step, status: response.status, ms: Date.now() - start });
    return response;
  };
  const orders = await Promise.all(
    Array.from({ length: n }, async (_, index) => {
      const created = await timed('intake', () => h.platform.post('/v1/orders', dropshipOrderBody(vendor.id)));
      const id: string = created.body.order.id;
      await timed('supplier-order', () => vendor.api.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody()));
      const trackingNumber = newTrackingNumber();
      const shipped = await timed('tracking', () => vendor.api.post(`/v1/orders/${id}/tracking`, { trackingNumber }));
      const order = { id, trackingNumber, shipped: shipped.status === 200 };
      await afterShip(order, index);
      return order;
    }),
  );
  const slowestOf = (step: string) => Math.max(...answers.filter((a) => a.step === step).map((a) => a.ms));
  return {
    orders,
    answers: {
      count: answers.length,
      notOk: answers.filter((a) => a.status !== 200 && a.status !== 201).map((a) => `${a.step} ${a.status}`),
      slowestMs: Math.max(...answers.map((a) => a.ms)),
      slowestSteps: `slowest intake / supplier order / tracking ${slowestOf('intake')} / ${slowestOf('supplier-order')} / ${slowestOf('tracking')} ms`,
    },
  };
}

/**
 * Every event of `orderIds` taken by the storefront, each order's first in its order, every request signed; how
 * many arrived more than once (a batch sent again after a kill between its 2xx and the cursor's move), in how many
 * requests. Only their events count: the receiver keeps every drill's.
 */
export async function webhookVerdict(run: DrillRun, orderIds: string[]): Promise<{ ok: boolean; detail: string }> {
  const pool = createPgPool(run.h.infra.databaseUrl, { max: 1, connectionTimeoutMillis: 10_000 });
  let events: { id: string; orderId: string; seq: number }[];
  try {
    ({ rows: events } = await pool.query(`SELECT "id", "orderId", "seq" FROM "OrderEvent" WHERE "orderId" = ANY($1)`, [
      orderIds,
    ]));
  } finally {
    await pool.end();
  }
  // A kill or an outage can leave a relay run to its heartbeat timeout and the next minute's run: three minutes.
  const deadline = Date.now() + 180_000;
  const missing = () => {
    const taken = new Set(run.storefront.taken().map((event) => event.id));
    return events.filter((event) => !taken.has(event.id));
  };
  while (missing().length > 0 && Date.now() < deadline) await sleep(1000);
  const firstArrivals = new Map<string, number[]>();
  const seen = new Set<string>();
  let repeated = 0;
  const ours = new Set(events.map((event) => event.id));
  for (const event of run.storefront.taken().filter((taken) => ours.has(taken.id))) {
    if (seen.has(event.id)) repeated += 1;
    else firstArrivals.set(event.orderId, [...(firstArrivals.get(event.orderId) ?? []), event.seq]);
    seen.add(event.id);
  }
  const outOfOrder = [...firstArrivals.values()].filter((seqs) => seqs.some((seq, i) => i > 0 && seq < seqs[i - 1]!));
  const unsigned = run.storefront.deliveries.filter((delivery) => !delivery.signed).length;
  const requests = run.storefront.deliveries.filter((delivery) => delivery.events.some((e) => ours.has(e.id))).length;
  const lost = missing().length;
  return {
    ok: lost === 0 && outOfOrder.length === 0 && unsigned === 0,
    detail:
      `webhooks: ${events.length - lost}/${events.length} events taken, ${repeated} more than once, ` +
      `${outOfOrder.length} orders out of order, ${unsigned} unsigned, in ${requests} requests`,
  };
}

// Drill 8: the SMTP server down for whole lifecycles: no vendor action waits for it, every order completes, and
// once it is back every email arrives, each once (the outbox relay sends what the outage deferred).
import { createPgPool } from '../../src/db/pgPool';
import { dropshipOrderBody, newTrackingNumber, supplierOrderBody } from '../../test/support/fixtures';
import { sleep } from '../harness';
import { type DrillRun, type Vendor, waitCompleted } from './drillKit';

export async function drillSmtpOutage(run: DrillRun, vendor: Vendor): Promise<void> {
  const { h, quick, record } = run;
  const n = quick ? 5 : 20;
  const before = h.mail.messages; // the receiver that comes back starts empty
  await h.stopMail();
  const outageStarted = Date.now();
  const answers: { what: string; status: number; ms: number }[] = [];
  const timed = async (what: string, call: () => Promise<{ status: number; body: any }>) => {
    const start = Date.now();
    const response = await call();
    answers.push({ what, status: response.status, ms: Date.now() - start });
    return response;
  };
  const ids = await Promise.all(
    Array.from({ length: n }, async () => {
      const created = await timed('intake', () => h.platform.post('/v1/orders', dropshipOrderBody(vendor.id)));
      const id: string = created.body.order.id;
      await timed('supplier-order', () => vendor.api.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody()));
      const trackingNumber = newTrackingNumber();
      const shipped = await timed('tracking', () => vendor.api.post(`/v1/orders/${id}/tracking`, { trackingNumber }));
      if (shipped.status === 200) await h.fake.advance(trackingNumber, 'Delivered'); // else the verdict says so
      return id;
    }),
  );
  const whileDown = await waitCompleted(h, ids, 120_000);
  const outageMs = Date.now() - outageStarted;
  await h.startMail();

  // Every email these orders asked for, by the Message-ID its outbox row gave it, until all are SENT.
  const pool = createPgPool(h.infra.databaseUrl, { max: 1, connectionTimeoutMillis: 10_000 });
  let outbox: { messageId: string; status: string }[] = [];
  try {
    const deadline = Date.now() + 240_000;
    do {
      await sleep(5_000);
      ({ rows: outbox } = await pool.query<{ messageId: string; status: string }>(
        `SELECT "messageId", "status"::text AS "status" FROM "EmailOutbox" WHERE "orderId" = ANY($1)`,
        [ids],
      ));
    } while (outbox.some((row) => row.status !== 'SENT') && Date.now() < deadline);
  } finally {
    await pool.end();
  }
  await sleep(1_000); // a second copy, if one were sent, would be here
  const received = [...before, ...h.mail.messages];
  const copies = outbox.map((row) => received.filter((mail) => mail.messageId === row.messageId).length);
  const slowest = Math.max(...answers.map((a) => a.ms));
  const slowestOf = (what: string) => Math.max(...answers.filter((a) => a.what === what).map((a) => a.ms));
  const refused = answers.filter((a) => a.status !== 200 && a.status !== 201).length;
  const unsent = outbox.filter((row) => row.status !== 'SENT').length;
  const missing = copies.filter((count) => count === 0).length;
  const duplicated = copies.filter((count) => count > 1).length;
  record(
    `8. SMTP server down for whole lifecycles (${n} orders)`,
    refused === 0 && slowest < 10_000 && whileDown.COMPLETED === n && unsent === 0 && missing + duplicated === 0,
    `during ${(outageMs / 1000).toFixed(0)} s without SMTP: ${answers.length} intakes and vendor actions, ${refused} not 200/201, ` +
      `slowest intake / supplier order / tracking ${slowestOf('intake')} / ${slowestOf('supplier-order')} / ${slowestOf('tracking')} ms, orders ${JSON.stringify(whileDown)}; after: ${outbox.length} emails, ${unsent} unsent, ` +
      `${missing} missing, ${duplicated} duplicated`,
  );
}

// Drill 8b: the SMTP server takes connections and never answers (a firewall that drops the conversation, a relay
// stuck under load), the outage a refused connection (drill 8) does not show: an attempt waits for the mailer's
// timeouts instead of failing at once. No vendor action may wait until the API gives up on it, every order goes
// on, and once the server answers again every email arrives, once, except the new-order emails the vendor
// answered meanwhile (OUTDATED). Before src/mail/smtpServerWatch.ts: 7 of 60 actions 503, one answered after 136 s.
import { ACTION_WAIT_MS } from '../../src/orders/orderActions';
import { startSilentServer } from '../../test/support/silentServer';
import { type DrillRun, type Vendor, buyAndShip, outboxDelivery, waitCompleted } from './drillKit';

export async function drillSmtpHang(run: DrillRun, vendor: Vendor): Promise<void> {
  const { h, quick, record } = run;
  const n = quick ? 5 : 20;
  const before = h.mail.messages; // the receiver that comes back starts empty
  const smtpPort = Number(new URL(h.mail.smtpUrl).port);
  await h.stopMail();
  const silent = await startSilentServer(smtpPort);
  const hangStarted = Date.now();
  const { orders, answers } = await buyAndShip(h, vendor, n, async (order) => {
    if (order.shipped) await h.fake.advance(order.trackingNumber, 'Delivered');
  });
  const ids = orders.map((order) => order.id);
  const whileHung = await waitCompleted(h, ids, 180_000);
  const hangMs = Date.now() - hangStarted;
  const attempts = silent.connections();
  await silent.stop();
  await h.startMail();

  const delivery = await outboxDelivery(h, ids, {
    waitMs: 240_000,
    received: () => [...before, ...h.mail.messages],
  });
  const { emails, unsent, outdated, missing, duplicated, outOfOrder } = delivery;
  record(
    `8b. SMTP server silent (takes connections, never answers) for whole lifecycles (${n} orders)`,
    // Finding the server silent takes the mailer's 10 s wait for its greeting, so the actions of the orders whose
    // emails were sent or queued meanwhile wait that long; none may wait until the API gives up on it (15 s, a 503).
    answers.notOk.length === 0 &&
      answers.slowestMs < ACTION_WAIT_MS &&
      whileHung.COMPLETED === n &&
      unsent === 0 &&
      outdated === n &&
      missing + duplicated + outOfOrder === 0,
    `during ${(hangMs / 1000).toFixed(0)} s of a silent SMTP server: ${answers.count} intakes and vendor actions, ` +
      `${answers.notOk.length} not 200/201 ${JSON.stringify(answers.notOk)}, ${answers.slowestSteps}, ` +
      `orders completed meanwhile ${JSON.stringify(whileHung)}, ${attempts} connections to the silent server; once SMTP answered: ${emails} emails, ${unsent} unsent, ` +
      `${outdated} outdated (not sent), ${missing} missing, ${duplicated} duplicated, ${outOfOrder} out of order`,
  );
}

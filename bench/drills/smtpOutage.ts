// Drill 8: the SMTP server down for whole lifecycles: no vendor action waits for it, every order completes, and
// once it is back every email arrives, each once (the outbox relay sends what the outage deferred), except the
// new-order emails, which the vendor answered during the outage: those are OUTDATED, and none may arrive. Half the
// parcels arrive during the outage, the other half right after it, before the relay has sent their "shipped":
// each customer's emails must still arrive in the order they were asked for, "shipped" before "delivered".
import { type DrillRun, type Vendor, buyAndShip, outboxDelivery, waitCompleted } from './drillKit';

export async function drillSmtpOutage(run: DrillRun, vendor: Vendor): Promise<void> {
  const { h, quick, record } = run;
  const n = quick ? 5 : 20;
  const before = h.mail.messages; // the receiver that comes back starts empty
  await h.stopMail();
  const outageStarted = Date.now();
  const deliveredLater = (index: number) => index % 2 === 1;
  const { orders, answers } = await buyAndShip(h, vendor, n, async (order, index) => {
    // A number not shipped is not delivered, and the verdict says so.
    if (order.shipped && !deliveredLater(index)) await h.fake.advance(order.trackingNumber, 'Delivered');
  });
  const ids = orders.map((order) => order.id);
  const deliveredDuringOutage = orders.filter((_, index) => !deliveredLater(index)).map((order) => order.id);
  const whileDown = await waitCompleted(h, deliveredDuringOutage, 120_000);
  const outageMs = Date.now() - outageStarted;
  await h.startMail();
  for (const order of orders.filter((_, index) => deliveredLater(index)))
    await h.fake.advance(order.trackingNumber, 'Delivered');
  const completed = await waitCompleted(h, ids, 120_000);

  const delivery = await outboxDelivery(h, ids, { waitMs: 240_000, received: () => [...before, ...h.mail.messages] });
  const { emails, unsent, outdated, missing, duplicated, outOfOrder } = delivery;
  record(
    `8. SMTP server down for whole lifecycles (${n} orders)`,
    answers.notOk.length === 0 &&
      answers.slowestMs < 10_000 &&
      whileDown.COMPLETED === deliveredDuringOutage.length &&
      completed.COMPLETED === n &&
      unsent === 0 &&
      outdated === n && // each order's new-order email, and only those
      missing + duplicated + outOfOrder === 0,
    `during ${(outageMs / 1000).toFixed(0)} s without SMTP: ${answers.count} intakes and vendor actions, ${answers.notOk.length} not 200/201, ` +
      `${answers.slowestSteps}, orders delivered meanwhile ${JSON.stringify(whileDown)}; the other half delivered after it, all orders ${JSON.stringify(completed)}; once SMTP was back: ${emails} emails, ${unsent} unsent, ${outdated} outdated (not sent), ` +
      `${missing} missing, ${duplicated} duplicated, ${outOfOrder} out of order`,
  );
}

// Drill 8: the SMTP server down for whole lifecycles: no vendor action waits for it, every order completes, and
// once it is back every email arrives, each once (the outbox relay sends what the outage deferred), except the
// new-order emails, which the vendor answered during the outage: those are OUTDATED, and none may arrive. Half the
// parcels arrive during the outage, the other half right after it, before the relay has sent their "shipped":
// each customer's emails must still arrive in the order they were asked for, "shipped" before "delivered".
import { dropshipOrderBody, newTrackingNumber, supplierOrderBody } from '../../test/support/fixtures';
import { type DrillRun, type Vendor, outboxDelivery, waitCompleted } from './drillKit';

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
  const orders = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const created = await timed('intake', () => h.platform.post('/v1/orders', dropshipOrderBody(vendor.id)));
      const id: string = created.body.order.id;
      await timed('supplier-order', () => vendor.api.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody()));
      const trackingNumber = newTrackingNumber();
      const shipped = await timed('tracking', () => vendor.api.post(`/v1/orders/${id}/tracking`, { trackingNumber }));
      const deliveredLater = i % 2 === 1;
      // A number not shipped is not delivered, and the verdict says so.
      if (shipped.status === 200 && !deliveredLater) await h.fake.advance(trackingNumber, 'Delivered');
      return { id, trackingNumber, deliveredLater };
    }),
  );
  const ids = orders.map((order) => order.id);
  const deliveredDuringOutage = orders.filter((order) => !order.deliveredLater).map((order) => order.id);
  const whileDown = await waitCompleted(h, deliveredDuringOutage, 120_000);
  const outageMs = Date.now() - outageStarted;
  await h.startMail();
  for (const order of orders.filter((order) => order.deliveredLater))
    await h.fake.advance(order.trackingNumber, 'Delivered');
  const completed = await waitCompleted(h, ids, 120_000);

  const delivery = await outboxDelivery(h, ids, { waitMs: 240_000, received: () => [...before, ...h.mail.messages] });
  const slowest = Math.max(...answers.map((a) => a.ms));
  const slowestOf = (what: string) => Math.max(...answers.filter((a) => a.what === what).map((a) => a.ms));
  const refused = answers.filter((a) => a.status !== 200 && a.status !== 201).length;
  const { emails, unsent, outdated, missing, duplicated, outOfOrder } = delivery;
  record(
    `8. SMTP server down for whole lifecycles (${n} orders)`,
    refused === 0 &&
      slowest < 10_000 &&
      whileDown.COMPLETED === deliveredDuringOutage.length &&
      completed.COMPLETED === n &&
      unsent === 0 &&
      outdated === n && // each order's new-order email, and only those
      missing + duplicated + outOfOrder === 0,
    `during ${(outageMs / 1000).toFixed(0)} s without SMTP: ${answers.length} intakes and vendor actions, ${refused} not 200/201, ` +
      `slowest intake / supplier order / tracking ${slowestOf('intake')} / ${slowestOf('supplier-order')} / ${slowestOf('tracking')} ms, orders delivered meanwhile ${JSON.stringify(whileDown)}; the other half delivered after it, all orders ${JSON.stringify(completed)}; once SMTP was back: ${emails} emails, ${unsent} unsent, ${outdated} outdated (not sent), ` +
      `${missing} missing, ${duplicated} duplicated, ${outOfOrder} out of order`,
  );
}

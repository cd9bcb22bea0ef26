// An email the SMTP server refuses for good (a 5xx to its recipient): marked REJECTED, never sent again, by the
// order's own attempt or by the outbox relay, and the order goes on, with the refusal on its timeline (the relay's
// too, whether the order still runs or has ended). The stack's mail catcher refuses addresses at
// .invalid domains with 550, as a real server refuses a domain that cannot exist. The store can then give the
// customer's right address, and the refused emails go again to it. Real Temporal, PostgreSQL and SMTP receivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOrderProgress } from '../../src/db/sql/selectOrderProgress';
import { emailKey } from '../../src/mail/outboxKeys';
import { type AskedEmail, whyOutdated } from '../../src/mail/outdatedEmail';
import type { MailCatcher } from '../../src/mail/mailCatcher';
import { orderWorkflowId } from '../../workflows/messages';
import { newTrackingNumber, placeOrder, shipOrder } from '../support/orderFlow';
import { runOutboxRelay } from '../support/scheduleRuns';
import { stopSmtp } from '../support/smtpOutage';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;
/** The SMTP receiver on the stack's port: the stack's own until an outage, then the one started after it. */
let smtp: MailCatcher;

// A database of its own: its outbox relay runs send every waiting email of their database, another file's too.
beforeAll(async () => {
  stack = await startTestStack({ ownDatabase: 'email_refused' });
  vendor = await stack.createVendor();
  smtp = stack.mail;
});
afterAll(async () => {
  if (smtp !== stack?.mail) await smtp?.stop();
  await stack?.stop();
});

/** Stops the SMTP receiver; the function it returns starts a new one on the same port, the file's receiver after. */
async function smtpOutage(): Promise<() => Promise<MailCatcher>> {
  const restart = await stopSmtp(smtp);
  return async () => (smtp = await restart());
}

const outboxRow = (key: string) => stack.prisma.emailOutbox.findUniqueOrThrow({ where: { key } });

/** The `email.refused` events on an order's timeline. */
async function refusalsOf(orderId: string): Promise<{ type: string }[]> {
  const { body } = await vendor.api.get(`/v1/orders/${orderId}`);
  return body.order.events.filter((event: { type: string }) => event.type === 'email.refused');
}

/** What a refusal event says: which email, the address refused, and the server's 550 reply. */
const refusalData = (email: string, to: string) => ({ email, to, reply: expect.stringMatching(/^550 /) as unknown });

const TRACKING_REFUSED_SUBJECT = 'The customer did not get their tracking email';

/** The vendor's "tracking email refused" alerts of an order that a receiver holds. */
const alertsOf = (receiver: MailCatcher, externalId: string) =>
  receiver.messages.filter((m) => m.subject === `${TRACKING_REFUSED_SUBJECT}: order ${externalId}`);

/** Waits for the vendor's alert of the refused tracking email (sent once, to the vendor) and returns it. */
async function vendorToldOfRefusal(
  orderId: string,
  body: { externalId: string; customer: { email: string } },
  receiver: MailCatcher = smtp,
) {
  const key = emailKey(orderId, 'vendor-alert', 1, 'customer-tracking-refused');
  await expect.poll(async () => (await outboxRow(key).catch(() => null))?.status, { timeout: 20_000 }).toBe('SENT');
  const [alert] = await receiver.waitFor((m) => alertsOf(receiver, body.externalId).includes(m));
  expect(alertsOf(receiver, body.externalId)).toHaveLength(1);
  expect(alert!.to).toContain(vendor.email);
  expect(alert!.text).toContain('so they do not know their parcel is on its way');
  return alert!;
}

/** A dropship order whose customer's address the SMTP server refuses. */
function placeOrderForBouncingCustomer() {
  return placeOrder(stack, vendor.id, {
    customer: { name: 'Ana Silva', email: `ana.${Date.now()}@shop.invalid` },
  });
}

describe('an email the SMTP server refuses for good', () => {
  it('is marked REJECTED after one attempt, with the reply, shown on the timeline, and the order goes on', async () => {
    const { order, body } = await placeOrderForBouncingCustomer();
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const shippedKey = emailKey(order.id, 'customer-shipped', 1);
    await expect.poll(async () => (await outboxRow(shippedKey)).status, { timeout: 20_000 }).toBe('REJECTED');
    const row = await outboxRow(shippedKey);
    expect(row.lastError).toMatch(/^550 /); // the server's reply itself, as the timeline has it
    expect(row.attempts).toBe(1);
    expect(row.deferredAt).toBeNull(); // not left to the relay
    expect(await refusalsOf(order.id)).toEqual([
      expect.objectContaining({ actor: 'system', data: refusalData('customer-shipped', body.customer.email) }),
    ]);
    // The customer does not know the parcel is on its way: the vendor is told, once, with what to do.
    const alert = await vendorToldOfRefusal(order.id, body);
    expect(alert.text).toContain(`Refused address: ${body.customer.email}`);
    expect(alert.text).toMatch(/Their mail server answered: 550 /);

    const delivered = await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    expect(delivered.status).toBe(200);
    expect(delivered.body.order.status).toBe('DELIVERED');
    const relayed = await runOutboxRelay(stack);
    expect([...relayed.sent, ...relayed.deferred, ...relayed.rejected]).not.toContain(shippedKey);
    expect((await outboxRow(shippedKey)).attempts).toBe(1);
    expect(stack.mail.messages.filter((m) => m.to.includes(body.customer.email))).toEqual([]);
    expect(alertsOf(stack.mail, body.externalId)).toHaveLength(1);
  });

  it('is marked REJECTED by the outbox relay, which goes on to send the emails after it', async () => {
    const refused = await placeOrderForBouncingCustomer();
    const fine = await placeOrder(stack, vendor.id);
    for (const { body } of [refused, fine]) await smtp.waitFor((m) => m.subject.includes(body.externalId));
    const smtpBack = await smtpOutage();

    // Both customers' "shipped" emails fail while SMTP is down; the refused one is deferred first, so it comes
    // first in the relay's run.
    const refusedKey = emailKey(refused.order.id, 'customer-shipped', 1);
    const fineKey = emailKey(fine.order.id, 'customer-shipped', 1);
    for (const [{ order }, key] of [
      [refused, refusedKey],
      [fine, fineKey],
    ] as const) {
      await shipOrder(vendor.api, order.id, newTrackingNumber());
      await expect.poll(async () => (await outboxRow(key)).deferredAt, { timeout: 20_000 }).not.toBeNull();
    }

    const back = await smtpBack();
    const relayed = await runOutboxRelay(stack);
    expect(relayed.rejected).toEqual([refusedKey]);
    expect(relayed.sent).toContain(fineKey);
    expect((await outboxRow(refusedKey)).status).toBe('REJECTED');
    expect((await outboxRow(fineKey)).status).toBe('SENT');
    await back.waitFor((m) => m.to.includes(fine.body.customer.email));
    expect(back.messages.filter((m) => m.to.includes(refused.body.customer.email))).toEqual([]);
    // The order, still running, puts the refusal on its timeline, as it does one refused in its own turn.
    await expect
      .poll(() => refusalsOf(refused.order.id), { timeout: 10_000 })
      .toEqual([
        expect.objectContaining({
          actor: 'system',
          data: refusalData('customer-shipped', refused.body.customer.email),
        }),
      ]);
    expect(await refusalsOf(fine.order.id)).toEqual([]);
    // The relay's refusal alerts the vendor of the refused order as the order's own would; the other has no alert.
    await vendorToldOfRefusal(refused.order.id, refused.body, back);
    expect(alertsOf(back, fine.body.externalId)).toEqual([]);
  });

  it('goes on the timeline of an order that ended before the relay sent it', async () => {
    const { order, body } = await placeOrderForBouncingCustomer();
    await smtp.waitFor((m) => m.subject.includes(body.externalId));
    const smtpBack = await smtpOutage();

    // Cancelling tells the customer, whose email the SMTP server, being down, fails; the order then ends.
    const cancelled = await stack.platform.post(`/v1/orders/${order.id}/cancel`, { reason: 'customer changed mind' });
    expect(cancelled.status).toBe(200);
    const cancelledKey = emailKey(order.id, 'customer-cancelled', 1);
    await expect.poll(async () => (await outboxRow(cancelledKey)).deferredAt, { timeout: 20_000 }).not.toBeNull();
    const handle = stack.client.workflow.getHandle(orderWorkflowId(order.id));
    await expect.poll(async () => (await handle.describe()).status.name, { timeout: 20_000 }).toBe('COMPLETED');
    const before = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;

    await smtpBack();
    const relayed = await runOutboxRelay(stack);
    expect(relayed.rejected).toEqual([cancelledKey]);
    const after = (await vendor.api.get(`/v1/orders/${order.id}`)).body.order;
    expect(after.status).toBe('CANCELLED');
    expect(after.events.slice(0, -1)).toEqual(before.events);
    expect(after.events.at(-1)).toMatchObject({
      type: 'email.refused',
      actor: 'system',
      data: refusalData('customer-cancelled', body.customer.email),
    });
  });
});

describe("the customer's email, corrected by the store", () => {
  const changeEmail = (orderId: string, email: string) =>
    stack.platform.post(`/v1/orders/${orderId}/customer-email`, { email });

  it('sends the refused emails again to the new address, and the next ones there too', async () => {
    const { order, body } = await placeOrderForBouncingCustomer();
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, trackingNumber);
    const shippedKey = emailKey(order.id, 'customer-shipped', 1);
    await expect.poll(async () => (await outboxRow(shippedKey)).status, { timeout: 20_000 }).toBe('REJECTED');

    const rightEmail = `ana.${Date.now()}@example.com`;
    const changed = await changeEmail(order.id, rightEmail);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.order.customer.email).toBe(rightEmail);
    expect(changed.body.order.events.at(-1)).toMatchObject({
      type: 'customer_email.changed',
      actor: 'platform',
      data: { email: rightEmail, previous: body.customer.email },
    });
    expect(await outboxRow(shippedKey)).toMatchObject({
      status: 'PENDING',
      to: rightEmail,
      lastError: `refused before, at ${body.customer.email}: to be sent again to the new address`,
    });
    // The vendor's alert of the refusal, had SMTP failed it, would no longer go: the customer gets their tracking.
    const alert = await outboxRow(emailKey(order.id, 'vendor-alert', 1, 'customer-tracking-refused'));
    expect(
      whyOutdated(alert.request as unknown as AskedEmail, (await selectOrderProgress(stack.pool, order.id))!),
    ).toBe("the store corrected the customer's email since");

    // The next email goes to the new address too, after the tracking email the relay has yet to send there.
    expect((await vendor.api.post(`/v1/orders/${order.id}/delivered`, {})).status).toBe(200);
    const deliveredKey = emailKey(order.id, 'customer-delivered', 1);
    await expect
      .poll(async () => (await stack.prisma.emailOutbox.findUnique({ where: { key: deliveredKey } }))?.lastError, {
        timeout: 20_000,
      })
      .toBe(`held behind ${shippedKey}, which the SMTP server failed: sent after it`);

    // The relay sends both to the new address, the tracking the customer never got first.
    const run = await runOutboxRelay(stack);
    expect(run.sent.filter((key) => key === shippedKey || key === deliveredKey)).toEqual([shippedKey, deliveredKey]);
    const [shipped, delivered] = await smtp.waitFor(
      (m) => m.to.includes(rightEmail) && m.subject.includes(body.externalId),
      { count: 2 },
    );
    expect(shipped!.text).toContain(trackingNumber);
    expect(delivered!.subject).toMatch(/delivered/i);
    expect(await outboxRow(shippedKey)).toMatchObject({ status: 'SENT', to: rightEmail });

    // The same address again changes nothing: no second event, nothing sent again.
    const again = await changeEmail(order.id, rightEmail);
    expect(again.status).toBe(200);
    const changes = again.body.order.events.filter((e: { type: string }) => e.type === 'customer_email.changed');
    expect(changes).toHaveLength(1);
  });

  it('takes the storefront retrying its first intake after the change as the same order', async () => {
    const { order, body } = await placeOrderForBouncingCustomer();
    expect((await changeEmail(order.id, 'ana.silva@example.com')).status).toBe(200);
    const retried = await stack.platform.post('/v1/orders', body);
    expect(retried.status).toBe(200);
    expect(retried.body.order).toMatchObject({ id: order.id, customer: { email: 'ana.silva@example.com' } });
    // An address the order never had is still another order under the same externalId.
    const other = await stack.platform.post('/v1/orders', {
      ...body,
      customer: { ...body.customer, email: 'someone.else@example.com' },
    });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'EXTERNAL_ID_CONFLICT', details: { fields: ['customer'] } });
  });

  it('is refused for a bad address (422), from a vendor (403), and once the order has ended (409)', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    const bad = await changeEmail(order.id, 'not an address');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const byVendor = await vendor.api.post(`/v1/orders/${order.id}/customer-email`, { email: 'ana@example.com' });
    expect(byVendor.status).toBe(403);
    expect((await stack.platform.post(`/v1/orders/${order.id}/cancel`, { reason: 'test' })).status).toBe(200);
    const ended = await changeEmail(order.id, 'ana@example.com');
    expect(ended.status).toBe(409);
    expect(ended.body.error.code).toBe('INVALID_STATE');
    const { body } = await vendor.api.get(`/v1/orders/${order.id}`);
    expect(body.order.events.map((e: { type: string }) => e.type)).not.toContain('customer_email.changed');
  });
});

// An SMTP outage: the order goes on, its email waits in the outbox, and the outbox relay sends it, once, when
// SMTP is back. Real Temporal, PostgreSQL and SMTP receivers (the stack's, stopped; then a new one on its port).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailKey } from '../../src/mail/outboxKeys';
import { ensureOutboxRelaySchedule, outboxRelayScheduleId } from '../../src/temporal/outboxRelaySchedule';
import { newTrackingNumber, placeOrder, shipOrder } from '../support/orderFlow';
import { runOutboxRelay } from '../support/scheduleRuns';
import { stopSmtp } from '../support/smtpOutage';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

// A database of its own: its outbox relay runs send every waiting email of their database, another file's too.
beforeAll(async () => {
  stack = await startTestStack({ ownDatabase: 'smtp_outage' });
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

describe('an SMTP outage', () => {
  it('holds up no vendor action, and the relay sends the held email once SMTP is back', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    await stack.mail.waitFor((m) => m.subject.includes(body.externalId));
    const restartSmtp = await stopSmtp(stack.mail);

    // Shipping sends the customer their tracking email, which the SMTP server, being down, fails.
    const trackingNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, trackingNumber);
    const shippedKey = emailKey(order.id, 'customer-shipped', 1);
    const outboxRow = () => stack.prisma.emailOutbox.findUniqueOrThrow({ where: { key: shippedKey } });
    await expect.poll(async () => (await outboxRow()).deferredAt, { timeout: 20_000 }).not.toBeNull();
    expect((await outboxRow()).status).toBe('PENDING');

    // Before, the order retried that email in its turn and this action waited: 503 ACTION_NOT_CONFIRMED.
    const delivered = await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    expect(delivered.status).toBe(200);
    expect(delivered.body.order.status).toBe('DELIVERED');

    const smtpBack = await restartSmtp();
    try {
      const first = await runOutboxRelay(stack);
      expect(first.sent).toContain(shippedKey);
      const isShippedEmail = (m: { subject: string; text: string }) =>
        m.subject.includes(body.externalId) && m.text.includes(trackingNumber) && /shipped/i.test(m.subject);
      const [shipped] = await smtpBack.waitFor(isShippedEmail);
      expect(shipped!.to).toEqual([body.customer.email]);
      expect((await outboxRow()).status).toBe('SENT');
      const second = await runOutboxRelay(stack);
      expect([...second.sent, ...second.deferred]).not.toContain(shippedKey);
      await new Promise((resolve) => setTimeout(resolve, 500)); // a second copy, if one were sent, would be here
      expect(smtpBack.messages.filter(isShippedEmail)).toHaveLength(1);
    } finally {
      await smtpBack.stop();
    }
  });

  it('does not send what the order has moved past: a new-order email once bought, tracking since corrected', async () => {
    // (The receiver may be down already, after the test above: stopping it again is harmless.)
    const restartSmtp = await stopSmtp(stack.mail);
    const { order, body } = await placeOrder(stack, vendor.id);
    const firstNumber = newTrackingNumber();
    await shipOrder(vendor.api, order.id, firstNumber);
    const rightNumber = newTrackingNumber();
    const corrected = await vendor.api.post(`/v1/orders/${order.id}/tracking`, { trackingNumber: rightNumber });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);

    const newOrderKey = emailKey(order.id, 'vendor-new-order', 1);
    const firstShippedKey = emailKey(order.id, 'customer-shipped', 1);
    const correctedShippedKey = emailKey(order.id, 'customer-shipped', 2);
    const outbox = async () => {
      const keys = [newOrderKey, firstShippedKey, correctedShippedKey];
      const rows = await stack.prisma.emailOutbox.findMany({ where: { key: { in: keys } } });
      return Object.fromEntries(rows.map((row) => [row.key, row]));
    };
    await expect
      .poll(async () => Object.values(await outbox()).filter((row) => row.deferredAt !== null).length, {
        timeout: 20_000,
      })
      .toBe(3);

    const smtpBack = await restartSmtp();
    try {
      const run = await runOutboxRelay(stack);
      expect(run.outdated).toEqual(expect.arrayContaining([newOrderKey, firstShippedKey]));
      expect(run.sent).toContain(correctedShippedKey);
      expect(await outbox()).toMatchObject({
        [newOrderKey]: { status: 'OUTDATED', lastError: 'not sent: the order is SHIPPED since' },
        [firstShippedKey]: {
          status: 'OUTDATED',
          lastError: 'not sent: the vendor corrected the tracking number since',
        },
        [correctedShippedKey]: { status: 'SENT' },
      });

      // The customer has one tracking email, with the right number; the vendor no "new order" to buy a second time.
      const [shipped] = await smtpBack.waitFor((m) => m.subject.includes(body.externalId));
      expect(shipped!.text).toContain(rightNumber);
      expect((await runOutboxRelay(stack)).outdated).not.toContain(newOrderKey); // settled: not judged again
      await new Promise((resolve) => setTimeout(resolve, 500)); // an outdated email, if one were sent, would be here
      expect(smtpBack.messages.filter((m) => m.subject.includes(body.externalId))).toHaveLength(1);
    } finally {
      await smtpBack.stop();
    }
  });

  it('sends the customer "delivered" after the "shipped" it held, not before, once SMTP is back', async () => {
    const restartSmtp = await stopSmtp(stack.mail); // (harmless if the receiver is down already)
    const { order, body } = await placeOrder(stack, vendor.id);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const shippedKey = emailKey(order.id, 'customer-shipped', 1);
    const deliveredKey = emailKey(order.id, 'customer-delivered', 1);
    const outboxRow = (key: string) => stack.prisma.emailOutbox.findUnique({ where: { key } });
    await expect.poll(() => outboxRow(shippedKey), { timeout: 20_000 }).toMatchObject({ deferredAt: expect.any(Date) });

    const smtpBack = await restartSmtp();
    try {
      // SMTP answers, but the customer has not had "shipped" yet: "delivered" waits for the relay behind it.
      const delivered = await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
      expect(delivered.status).toBe(200);
      await expect
        .poll(() => outboxRow(deliveredKey), { timeout: 20_000 })
        .toMatchObject({
          status: 'PENDING',
          deferredAt: expect.any(Date),
          lastError: `held behind ${shippedKey}, which the SMTP server failed: sent after it`,
        });

      // The vendor can tell the customer why their tracking has not come yet, and that nothing needs doing.
      const emails = async (api = vendor.api) => {
        const listed = (await api.get(`/v1/orders/${order.id}/emails`)).body.emails as any[];
        return Object.fromEntries(listed.map((email) => [email.kind, email]));
      };
      const serverDown = 'the mail server did not take it: it goes out by itself once the server answers';
      expect(await emails()).toMatchObject({
        'vendor-new-order': { delivery: 'waiting', detail: serverDown },
        'customer-shipped': {
          reader: 'customer',
          to: body.customer.email,
          delivery: 'waiting',
          sentAt: null,
          detail: serverDown,
        },
        'customer-delivered': {
          delivery: 'waiting',
          detail:
            'waits for an earlier email to the same address, which the mail server failed: it goes right after it',
        },
      });
      // Ops read what the mail server said; the vendor does not see the marketplace's mail setup in it.
      expect(await emails(stack.platform)).toMatchObject({
        'customer-shipped': { detail: expect.stringMatching(/^SMTP send failed: .*ECONNREFUSED/) },
        'customer-delivered': { detail: `held behind ${shippedKey}, which the SMTP server failed: sent after it` },
      });

      // The run's first pass sends "shipped"; "delivered", held behind it until then, goes in the next.
      const run = await runOutboxRelay(stack);
      expect(run.sent.filter((key) => key === shippedKey || key === deliveredKey)).toEqual([shippedKey, deliveredKey]);

      const toCustomer = await smtpBack.waitFor(
        (m) => m.subject.includes(body.externalId) && m.to.includes(body.customer.email),
        { count: 2 },
      );
      expect(toCustomer.map((m) => (/shipped/i.test(m.subject) ? 'shipped' : 'delivered'))).toEqual([
        'shipped',
        'delivered',
      ]);
      expect(await emails()).toMatchObject({
        'vendor-new-order': { delivery: 'outdated', detail: 'not sent: the order is DELIVERED since' },
        'customer-shipped': { delivery: 'sent', sentAt: expect.any(String), detail: null },
        'customer-delivered': { delivery: 'sent', detail: null },
      });
    } finally {
      await smtpBack.stop();
    }
  });

  it('runs the relay as a Schedule every minute, on the deployment task queue', async () => {
    await ensureOutboxRelaySchedule(stack.client, stack.taskQueue);
    const handle = stack.client.schedule.getHandle(outboxRelayScheduleId(stack.taskQueue));
    try {
      const schedule = await handle.describe();
      expect(schedule.spec.intervals).toMatchObject([{ every: 60_000 }]);
      expect(schedule.action).toMatchObject({ workflowType: 'outboxRelayWorkflow', taskQueue: stack.taskQueue });
      // Emails asked for up to a week ago still go: a customer's tracking, after SMTP was down over a long weekend.
      expect(schedule.action.args).toEqual([{ olderThanMs: 30_000, giveUpAfterMs: 7 * 86_400_000, maxEmails: 500 }]);
    } finally {
      await handle.delete();
    }
  });
});

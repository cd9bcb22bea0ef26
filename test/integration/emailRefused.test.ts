// An email the SMTP server refuses for good (a 5xx to its recipient): marked REJECTED, never sent again, by the
// order's own attempt or by the outbox relay, and the order goes on, with the refusal on its timeline. The stack's mail catcher refuses addresses at
// .invalid domains with 550, as a real server refuses a domain that cannot exist. Real Temporal, PostgreSQL and
// SMTP receivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailKey } from '../../activities/emails';
import { startMailCatcher } from '../../src/mail/mailCatcher';
import { newTrackingNumber, placeOrder, shipOrder } from '../support/orderFlow';
import { runOutboxRelay } from '../support/scheduleRuns';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack();
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

const outboxRow = (key: string) => stack.prisma.emailOutbox.findUniqueOrThrow({ where: { key } });

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
    expect(row.lastError).toMatch(/550/);
    expect(row.attempts).toBe(1);
    expect(row.deferredAt).toBeNull(); // not left to the relay
    const { body: read } = await vendor.api.get(`/v1/orders/${order.id}`);
    const refusals = read.order.events.filter((event: { type: string }) => event.type === 'email.refused');
    expect(refusals).toEqual([
      expect.objectContaining({
        actor: 'system',
        data: { email: 'customer-shipped', to: body.customer.email, reply: expect.stringMatching(/^550 /) as unknown },
      }),
    ]);

    const delivered = await vendor.api.post(`/v1/orders/${order.id}/delivered`, {});
    expect(delivered.status).toBe(200);
    expect(delivered.body.order.status).toBe('DELIVERED');
    const relayed = await runOutboxRelay(stack);
    expect([...relayed.sent, ...relayed.deferred, ...relayed.rejected]).not.toContain(shippedKey);
    expect((await outboxRow(shippedKey)).attempts).toBe(1);
    expect(stack.mail.messages.filter((m) => m.to.includes(body.customer.email))).toEqual([]);
  });

  it('is marked REJECTED by the outbox relay, which goes on to send the emails after it', async () => {
    const refused = await placeOrderForBouncingCustomer();
    const fine = await placeOrder(stack, vendor.id);
    for (const { body } of [refused, fine]) await stack.mail.waitFor((m) => m.subject.includes(body.externalId));
    const smtpPort = Number(new URL(stack.mail.smtpUrl).port);
    await stack.mail.stop();

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

    const smtpBack = await startMailCatcher({ smtpPort });
    try {
      const relayed = await runOutboxRelay(stack);
      expect(relayed.rejected).toEqual([refusedKey]);
      expect(relayed.sent).toContain(fineKey);
      expect((await outboxRow(refusedKey)).status).toBe('REJECTED');
      expect((await outboxRow(fineKey)).status).toBe('SENT');
      await smtpBack.waitFor((m) => m.to.includes(fine.body.customer.email));
      expect(smtpBack.messages.filter((m) => m.to.includes(refused.body.customer.email))).toEqual([]);
    } finally {
      await smtpBack.stop();
    }
  });
});

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

beforeAll(async () => {
  stack = await startTestStack();
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

  it('runs the relay as a Schedule every minute, on the deployment task queue', async () => {
    await ensureOutboxRelaySchedule(stack.client, stack.taskQueue);
    const handle = stack.client.schedule.getHandle(outboxRelayScheduleId(stack.taskQueue));
    try {
      const schedule = await handle.describe();
      expect(schedule.spec.intervals).toMatchObject([{ every: 60_000 }]);
      expect(schedule.action).toMatchObject({ workflowType: 'outboxRelayWorkflow', taskQueue: stack.taskQueue });
    } finally {
      await handle.delete();
    }
  });
});

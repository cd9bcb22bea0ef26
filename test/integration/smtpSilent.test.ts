// An SMTP server that takes the connection and never answers: once one order email has waited out the mailer's
// greeting timeout on it, the order emails after it are not tried, so their orders go on at once, and they reach the
// customer or vendor through the outbox relay; the relay's first answer from the server ends that. Real Temporal,
// PostgreSQL and SMTP receivers, and a silent server on the receiver's port (src/mail/smtpServerWatch.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailKey } from '../../src/mail/outboxKeys';
import { supplierOrderBody } from '../support/fixtures';
import { placeOrder } from '../support/orderFlow';
import { runOutboxRelay } from '../support/scheduleRuns';
import { startSilentServer } from '../support/silentServer';
import { stopSmtp } from '../support/smtpOutage';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

// A database of its own: the outbox relay run below sends every waiting email of its database.
beforeAll(async () => {
  stack = await startTestStack({ ownDatabase: 'smtp_silent' });
  vendor = await stack.createVendor();
});
afterAll(async () => {
  await stack?.stop();
});

const newOrderEmail = (orderId: string) => emailKey(orderId, 'vendor-new-order', 1);
const outboxRow = (key: string) => stack.prisma.emailOutbox.findUniqueOrThrow({ where: { key } });

describe('a silent SMTP server', () => {
  it('is not tried again by the next order emails, which the relay sends once it answers', async () => {
    const smtpPort = Number(new URL(stack.mail.smtpUrl).port);
    const restartSmtp = await stopSmtp(stack.mail);
    const silent = await startSilentServer(smtpPort);
    let smtpBack: Awaited<ReturnType<typeof restartSmtp>> | undefined;
    try {
      // The first email waits for the server's greeting (the mailer's 10 s) and is deferred to the relay.
      const first = await placeOrder(stack, vendor.id);
      const firstKey = newOrderEmail(first.order.id);
      await expect.poll(async () => (await outboxRow(firstKey)).deferredAt, { timeout: 30_000 }).not.toBeNull();
      expect((await outboxRow(firstKey)).lastError).toMatch(/greeting/i);
      const triedSoFar = silent.connections();

      // The next is deferred untried, and its order takes the vendor's purchase.
      const second = await placeOrder(stack, vendor.id);
      const secondKey = newOrderEmail(second.order.id);
      await expect.poll(async () => (await outboxRow(secondKey)).deferredAt, { timeout: 30_000 }).not.toBeNull();
      expect((await outboxRow(secondKey)).lastError).toMatch(/not tried: the SMTP server did not answer an email/);
      expect(silent.connections()).toBe(triedSoFar);
      const bought = await vendor.api.post(`/v1/orders/${second.order.id}/supplier-order`, supplierOrderBody());
      expect(bought.status, JSON.stringify(bought.body)).toBe(200);

      // The server answers again: the relay sends the first email (the second is outdated: the vendor bought it).
      await silent.stop();
      smtpBack = await restartSmtp();
      const relayed = await runOutboxRelay(stack);
      expect(relayed.sent).toContain(firstKey);
      expect(relayed.outdated).toContain(secondKey);
      await smtpBack.waitFor((m) => m.subject.includes(first.body.externalId));

      // The relay found the server answering, so the next order email goes at once, not within the 30 s wait.
      const third = await placeOrder(stack, vendor.id);
      await smtpBack.waitFor((m) => m.subject.includes(third.body.externalId));
      expect((await outboxRow(newOrderEmail(third.order.id))).deferredAt).toBeNull();
    } finally {
      await silent.stop().catch(() => undefined);
      await smtpBack?.stop();
    }
  });
});

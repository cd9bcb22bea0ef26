// An outbox email whose order no longer exists (deleted by hand) cannot be written, so the outbox relay settles it as
// OUTDATED and goes on: left PENDING, it failed the relay's run at its turn, every run, and held back every email
// after it. Real Temporal, PostgreSQL and SMTP, in a database of the file's own (the relay sends every waiting email).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOutboxEmail } from '../../src/db/sql/claimOutboxEmail';
import { deferOutboxEmail } from '../../src/db/sql/deferredEmails';
import { emailKey } from '../../src/mail/outboxKeys';
import { newTrackingNumber, placeOrder, shipOrder } from '../support/orderFlow';
import { runOutboxRelay } from '../support/scheduleRuns';
import { stopSmtp } from '../support/smtpOutage';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack({ ownDatabase: 'relay_orphan' });
  vendor = await stack.createVendor();
});
afterAll(async () => {
  await stack?.stop();
});

describe('the outbox relay', () => {
  it('settles an email whose order no longer exists as OUTDATED, and sends the emails after it', async () => {
    // The email of an order that is gone, deferred by an outage as any other.
    const gone = `ord_${randomUUID().replaceAll('-', '')}`;
    const goneKey = emailKey(gone, 'vendor-new-order', 1);
    const request = { orderId: gone, kind: 'vendor-new-order', occurrence: 1, details: {} };
    await claimOutboxEmail(stack.pool, {
      key: goneKey,
      orderId: gone,
      kind: 'vendor-new-order',
      to: 'vendor@example.com',
      subject: 'New dropshipping order',
      messageId: `<${goneKey}@test>`,
      request,
    });
    await deferOutboxEmail(stack.pool, goneKey, 'connect ECONNREFUSED 127.0.0.1:25');

    // After it, a real order's tracking email, deferred by an SMTP outage.
    const { order, body } = await placeOrder(stack, vendor.id);
    await stack.mail.waitFor((m) => m.subject.includes(body.externalId));
    const restartSmtp = await stopSmtp(stack.mail);
    await shipOrder(vendor.api, order.id, newTrackingNumber());
    const shippedKey = emailKey(order.id, 'customer-shipped', 1);
    const outboxRow = (key: string) => stack.prisma.emailOutbox.findUniqueOrThrow({ where: { key } });
    await expect.poll(async () => (await outboxRow(shippedKey)).deferredAt, { timeout: 30_000 }).not.toBeNull();

    const smtpBack = await restartSmtp();
    try {
      const relayed = await runOutboxRelay(stack);
      expect(relayed.outdated).toEqual([goneKey]);
      expect(relayed.sent).toEqual([shippedKey]);
      expect(await outboxRow(goneKey)).toMatchObject({
        status: 'OUTDATED',
        lastError: 'not sent: its order no longer exists',
      });
      await smtpBack.waitFor((m) => m.subject.includes(body.externalId) && /shipped/i.test(m.subject));
    } finally {
      await smtpBack.stop();
    }
  });
});

// The vendor's payout emails (sent, returned), sent by the outbox relay from the row the payout's change wrote
// (src/vendors/vendorPayouts.ts): once, under the same outbox row lock as an order email, and settled the same way
// when SMTP fails it.
import { sendOnce } from '../src/db/outboxSend';
import { type Queryable, sql } from '../src/db/sql/sqlTemplate';
import { outboxMessageId } from '../src/mail/outboxKeys';
import type { PayoutEmailKind, PayoutEmailRequest } from '../src/mail/payoutEmail';
import type { PayoutEmailContext } from '../src/mail/payoutEmailContext';
import { renderPayoutEmail } from '../src/mail/renderPayoutEmail';
import { type EmailActivityDeps, type SendOrderEmailResult, sendOrDefer } from './emails';

/** The payout and its vendor as the email shows them, read when it is sent (the vendor's current address). */
async function loadPayoutEmailContext(
  db: Queryable,
  payoutId: string,
  publicBaseUrl: string,
): Promise<PayoutEmailContext> {
  const { rows } = await db.query<{
    externalId: string;
    amount: number;
    currency: string;
    reference: string | null;
    returnReason: string | null;
    name: string;
    email: string;
  }>(sql`
    SELECT p."externalId", p."amount", p."currency", p."reference", p."returnReason", v."name", v."email"
    FROM "Payout" p JOIN "Vendor" v ON v."id" = p."vendorId" WHERE p."id" = ${payoutId}`);
  const row = rows[0];
  if (!row) throw new Error(`payout ${payoutId} of an outbox email does not exist`);
  return {
    vendor: { name: row.name, email: row.email },
    payout: {
      externalId: row.externalId,
      amount: { amount: row.amount, currency: row.currency },
      reference: row.reference,
      returnReason: row.returnReason,
    },
    earningsUrl: `${publicBaseUrl}/dashboard#/earnings`,
  };
}

/** Sends the payout email of outbox row `key` unless it was sent already; an SMTP failure defers or rejects it. */
export function sendPayoutEmailOrDefer(
  deps: EmailActivityDeps,
  { key, kind, request }: { key: string; kind: PayoutEmailKind; request: PayoutEmailRequest },
): Promise<SendOrderEmailResult> {
  return sendOrDefer(deps, key, async () => {
    const email = await renderPayoutEmail(
      kind,
      await loadPayoutEmailContext(deps.pool, request.payoutId, deps.publicBaseUrl),
    );
    const send = () => deps.mailer.send({ ...email, messageId: outboxMessageId(key) });
    return { key, sent: await sendOnce(deps.outboxPool, key, send) };
  });
}

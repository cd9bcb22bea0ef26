// Chargebacks: the customer's bank reversed the payment of an order whose earnings were already released (a
// dispute after the holding period, which the workflow, ended, can no longer take). The marketplace takes those
// earnings back from the vendor's available balance, which may go below zero: the vendor then owes it, and its
// next payouts wait until its earnings cover that (src/vendors/vendorPayouts.ts).
import type pg from 'pg';
import { chargeBackOrder } from '../db/sql/chargeBackOrder';
import { HttpError } from '../http/httpError';
import { type Caller, requirePlatform } from '../http/auth';
import { CHARGEBACK_EMAIL_KIND, chargebackSubject } from '../mail/chargebackEmail';
import { emailKey, outboxMessageId } from '../mail/outboxKeys';
import { findOrderFor } from './orderReads';

/** Why an order that is not COMPLETED cannot be charged back, and what to do instead. */
function notChargeable(status: string): HttpError {
  const why =
    status === 'DELIVERED'
      ? 'its earnings are still held, so open a dispute instead (POST /v1/orders/{id}/dispute)'
      : status === 'SHIPPED'
        ? 'it has earned nothing yet, so open a dispute instead (POST /v1/orders/{id}/dispute): resolved for the customer, it is refunded'
        : status === 'REFUNDED'
          ? 'a dispute resolved for the customer already refunded it'
          : 'only the released earnings of a COMPLETED order can be charged back';
  return new HttpError(409, 'INVALID_STATE', `The order is ${status}: ${why}`, { status });
}

/**
 * Charges back the completed order `orderId`: its released earnings are reversed, the timeline and the change feed
 * get `earnings.charged_back`, and the vendor is emailed once (by the outbox relay). Charging back an order charged
 * back already changes nothing. Returns the order as it is then.
 */
export async function chargeBack(db: pg.Pool, caller: Caller, orderId: string, parseBody: () => { reason: string }) {
  // In the order actions' order: another vendor's order is a 404, then the caller's role, then the body.
  const before = await findOrderFor(db, caller, orderId);
  requirePlatform(caller);
  const input = parseBody();
  if (before.status !== 'COMPLETED') throw notChargeable(before.status);
  const released = before.earnings.find((entry) => entry.key === `${orderId}:release:AVAILABLE`);
  if (!released) throw notChargeable(before.status); // a completed order always has them; never guess an amount
  const key = emailKey(orderId, CHARGEBACK_EMAIL_KIND, 1);
  await chargeBackOrder(db, {
    orderId,
    vendorId: before.vendorId,
    reason: input.reason,
    amount: released.amount,
    currency: released.currency,
    email: {
      key,
      subject: chargebackSubject(before.externalId, { amount: released.amount, currency: released.currency }),
      messageId: outboxMessageId(key),
      request: { orderId, kind: CHARGEBACK_EMAIL_KIND, occurrence: 1, details: { reason: input.reason } },
    },
  });
  return findOrderFor(db, caller, orderId);
}

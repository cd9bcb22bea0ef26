// The vendor's payout emails as their outbox rows know them: kind, key, recipient and subject (their bodies:
// ./renderPayoutEmail.ts). Not order emails: they have no order and no workflow, so each outbox row is written with
// the payout's own change (src/vendors/vendorPayouts.ts) and the outbox relay sends it (activities/payoutEmail.ts).
import { formatMoney } from '../domain/formatMoney';
import type { EmailEnvelope } from './orderEmails';
import type { PayoutEmailContext } from './payoutEmailContext';

/** The outbox kind of the email that tells the vendor a payout was sent. */
export const PAYOUT_EMAIL_KIND = 'vendor-payout-sent';
/** The outbox kind of the email that tells the vendor a payout came back and is available again. */
export const PAYOUT_RETURNED_EMAIL_KIND = 'vendor-payout-returned';

export type PayoutEmailKind = typeof PAYOUT_EMAIL_KIND | typeof PAYOUT_RETURNED_EMAIL_KIND;
export const PAYOUT_EMAIL_KINDS: readonly string[] = [PAYOUT_EMAIL_KIND, PAYOUT_RETURNED_EMAIL_KIND];

/** What the outbox relay needs to send one: the payout, read again when the email is rendered. */
export interface PayoutEmailRequest {
  payoutId: string;
}

/** The outbox key of a payout's email of `kind`: one each per payout, ever (a payout is sent once, returned once). */
export function payoutEmailKey(payoutId: string, kind: PayoutEmailKind): string {
  return `${payoutId}:${kind}:1`;
}

/** The recipient and subject of a payout's email of `kind`: all its outbox row needs. */
export function payoutEmailEnvelope(
  kind: PayoutEmailKind,
  ctx: {
    vendor: Pick<PayoutEmailContext['vendor'], 'email'>;
    payout: Pick<PayoutEmailContext['payout'], 'externalId' | 'amount'>;
  },
): EmailEnvelope {
  const amount = formatMoney(ctx.payout.amount);
  return {
    to: ctx.vendor.email,
    subject:
      kind === PAYOUT_EMAIL_KIND
        ? `Payout of ${amount} sent: ${ctx.payout.externalId}`
        : `Payout ${ctx.payout.externalId} returned: ${amount} is available again`,
  };
}

// The vendor's payout email as its outbox row knows it: kind, key, recipient and subject (its body:
// ./renderPayoutEmail.ts). Not an order email: it has no order and no workflow, so its outbox row is written with the
// payout itself (src/vendors/vendorPayouts.ts) and the outbox relay sends it (activities/payoutEmail.ts).
import { formatMoney } from '../domain/formatMoney';
import type { EmailEnvelope } from './orderEmails';
import type { PayoutEmailContext } from './payoutEmailContext';

/** The outbox kind of the payout email. */
export const PAYOUT_EMAIL_KIND = 'vendor-payout-sent';

/** What the outbox relay needs to send it: the payout, read again when the email is rendered. */
export interface PayoutEmailRequest {
  payoutId: string;
}

/** The outbox key of a payout's email: one per payout, ever. */
export function payoutEmailKey(payoutId: string): string {
  return `${payoutId}:${PAYOUT_EMAIL_KIND}:1`;
}

/** The recipient and subject of a payout's email: all its outbox row needs. */
export function payoutEmailEnvelope(ctx: Pick<PayoutEmailContext, 'vendor' | 'payout'>): EmailEnvelope {
  return {
    to: ctx.vendor.email,
    subject: `Payout of ${formatMoney(ctx.payout.amount)} sent: ${ctx.payout.externalId}`,
  };
}

// The vendor's chargeback email as its outbox row knows it: kind and subject. The API writes that row with the
// chargeback itself (src/orders/chargeBack.ts), since the order's workflow has ended and sends nothing more; the
// outbox relay renders and sends it like any order email (./orderEmails.ts).
import { formatMoney } from '../domain/formatMoney';
import type { Money } from '../domain/money';

export const CHARGEBACK_EMAIL_KIND = 'vendor-charged-back';

/** The chargeback email's subject: the order and the amount taken back. */
export function chargebackSubject(externalId: string, earnings: Money | undefined): string {
  return `Chargeback on order ${externalId}: ${earnings ? formatMoney(earnings) : 'your earnings'} taken back`;
}

// What the payout email says (src/mail/payoutEmail.ts), and the example the React Email preview renders it with.
import type { Money } from '../domain/money';

export interface PayoutEmailContext {
  vendor: { name: string; email: string };
  payout: { externalId: string; amount: Money; reference: string | null };
  earningsUrl: string;
}

export const PAYOUT_PREVIEW_CONTEXT: PayoutEmailContext = {
  vendor: { name: 'Lisbon Gadgets', email: 'vendor@example.com' },
  payout: { externalId: 'PO-2026-12-01', amount: { amount: 12_550, currency: 'USD' }, reference: 'SEPA 4471' },
  earningsUrl: 'http://localhost:3000/dashboard#/earnings',
};

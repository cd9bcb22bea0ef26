// What the payout emails say (src/mail/payoutEmail.ts), and the examples the React Email preview renders them with.
import type { Money } from '../domain/money';

export interface PayoutEmailContext {
  vendor: { name: string; email: string };
  payout: { externalId: string; amount: Money; reference: string | null; returnReason: string | null };
  earningsUrl: string;
}

export const PAYOUT_PREVIEW_CONTEXT: PayoutEmailContext = {
  vendor: { name: 'Lisbon Gadgets', email: 'vendor@example.com' },
  payout: {
    externalId: 'PO-2026-12-01',
    amount: { amount: 12_550, currency: 'USD' },
    reference: 'SEPA 4471',
    returnReason: null,
  },
  earningsUrl: 'http://localhost:3000/dashboard#/earnings',
};

export const PAYOUT_RETURNED_PREVIEW_CONTEXT: PayoutEmailContext = {
  ...PAYOUT_PREVIEW_CONTEXT,
  payout: { ...PAYOUT_PREVIEW_CONTEXT.payout, returnReason: 'the account is closed' },
};

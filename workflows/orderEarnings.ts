// The vendor's earnings on an order (PRODUCT §3), as the ledger movements an order's changes carry.
import { earningsFor } from '../src/domain/money';
import type { OrderWorkflowInput } from './messages';

/** What the vendor earns on the order: the sale less the supplier cost and the platform's commission. */
export function vendorEarnings(input: OrderWorkflowInput): { amount: number; currency: string } {
  const breakdown = earningsFor(input.sale, input.supplierCost, input.policy.commissionRate);
  return { amount: breakdown.earnings, currency: breakdown.currency };
}

/** A ledger movement of those earnings: accrued on delivery, released after the hold, reversed by a refund. */
export function earningsMovement(input: OrderWorkflowInput, movement: 'accrue' | 'release' | 'reverse') {
  return { vendorId: input.vendorId, movement, ...vendorEarnings(input) };
}

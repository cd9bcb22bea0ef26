// Money is integer minor units plus an ISO 4217 currency code, everywhere (PRODUCT §3).

/** An amount in minor units (cents) of `currency`. */
export interface Money {
  amount: number;
  currency: string;
}

/** What the vendor keeps from one order, and how it was computed. */
export interface EarningsBreakdown {
  sale: number;
  supplierCost: number;
  commission: number;
  earnings: number;
  currency: string;
}

/** Platform commission on a sale, rounded half-up to a whole minor unit. */
export function commissionOn(saleAmount: number, rate: number): number {
  // Round the product first so 0.1 × 1299 (= 129.89999…) is treated as 129.9 before rounding.
  return Math.round(Math.round(saleAmount * rate * 1e6) / 1e6);
}

/** Earnings = sale price − supplier cost − platform commission (PRODUCT §3). */
export function earningsFor(sale: Money, supplierCost: number, commissionRate: number): EarningsBreakdown {
  const commission = commissionOn(sale.amount, commissionRate);
  return {
    sale: sale.amount,
    supplierCost,
    commission,
    earnings: sale.amount - supplierCost - commission,
    currency: sale.currency,
  };
}

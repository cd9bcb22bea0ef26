// The earnings ledger (PRODUCT §3): append-only entries per bucket, never a mutable balance. Each movement
// is a fixed set of signed entries with deterministic keys, so a retried write adds nothing twice.

/** One movement of an order's earnings, in minor units of `currency`. */
export interface EarningsMovement {
  vendorId: string;
  /** accrue: +pending at delivery; release: pending → available; reverse: pending → reversed. */
  movement: 'accrue' | 'release' | 'reverse';
  amount: number;
  currency: string;
}

const MOVEMENTS = {
  accrue: [{ bucket: 'PENDING', sign: 1 }],
  release: [
    { bucket: 'PENDING', sign: -1 },
    { bucket: 'AVAILABLE', sign: 1 },
  ],
  reverse: [
    { bucket: 'PENDING', sign: -1 },
    { bucket: 'REVERSED', sign: 1 },
  ],
} as const;

/** The ledger rows of one movement, keyed `<order id>:<movement>:<bucket>`. */
export function ledgerEntries(orderId: string, earnings: EarningsMovement) {
  return MOVEMENTS[earnings.movement].map(({ bucket, sign }) => ({
    key: `${orderId}:${earnings.movement}:${bucket}`,
    vendorId: earnings.vendorId,
    orderId,
    bucket,
    amount: sign * earnings.amount,
    currency: earnings.currency,
    reason: earnings.movement,
  }));
}

// The earnings ledger (PRODUCT §3): append-only entries per bucket; a retried activity adds nothing twice.
import type { PrismaClient } from '../src/db/prismaClient';

export interface RecordEarningsInput {
  orderId: string;
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

/** Activities that write the earnings ledger. */
export function createEarningsActivities({ prisma }: { prisma: PrismaClient }) {
  return {
    /** Appends the ledger entries of one movement of an order's earnings. */
    async recordEarnings(input: RecordEarningsInput): Promise<void> {
      await prisma.earningsEntry.createMany({
        data: MOVEMENTS[input.movement].map(({ bucket, sign }) => ({
          key: `${input.orderId}:${input.movement}:${bucket}`,
          vendorId: input.vendorId,
          orderId: input.orderId,
          bucket,
          amount: sign * input.amount,
          currency: input.currency,
          reason: input.movement,
        })),
        skipDuplicates: true,
      });
    },
  };
}

// The read model's single writer: every status change and event the workflow makes lands here, in one
// transaction per change (with its earnings movement, if any), idempotent by the workflow's event number.
import type { Prisma } from '../src/db/generated/client';
import type { PrismaClient } from '../src/db/prismaClient';
import type { Address } from '../src/domain/address';
import type { CarrierState } from '../src/domain/carrierStatus';
import type { Money } from '../src/domain/money';
import type { OrderStatus } from '../src/domain/orderStatus';
import { type EarningsMovement, ledgerEntries } from './earningsLedger';

export interface RecordOrderChangeInput {
  orderId: string;
  seq: number;
  status: OrderStatus;
  event: { type: string; actor: string; at: string; data: Record<string, unknown> };
  slaBreached?: boolean | undefined;
  disputeOpen?: boolean | undefined;
  cancelReason?: string | undefined;
  supplierOrder?:
    | { supplier: 'aliexpress' | 'cj'; supplierOrderId: string; amountPaid: Money; shipTo: Address; recordedAt: string }
    | undefined;
  tracking?: { number: string; carrier?: number | undefined; registeredAt: string } | undefined;
  carrier?: CarrierState | undefined;
  /** A ledger movement that belongs to this change (accrue at DELIVERED, release at COMPLETED, reverse at REFUNDED). */
  earnings?: EarningsMovement | undefined;
}

/** Activities that write the order read model. */
export function createOrderRecordActivities({ prisma }: { prisma: PrismaClient }) {
  return {
    /** Applies one workflow change to the order row, its side tables and the event log, exactly once. */
    async recordOrderChange(input: RecordOrderChangeInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const already = await tx.orderEvent.findUnique({
          where: { orderId_seq: { orderId: input.orderId, seq: input.seq } },
        });
        if (already) return; // a retry of a change that was committed before the worker lost the result
        const at = new Date(input.event.at);
        await tx.order.updateMany({
          where: { id: input.orderId, lastEventSeq: { lt: input.seq } },
          data: {
            status: input.status,
            lastEventSeq: input.seq,
            ...(input.slaBreached !== undefined && { slaBreached: input.slaBreached }),
            ...(input.disputeOpen !== undefined && { disputeOpen: input.disputeOpen }),
            ...(input.cancelReason !== undefined && { cancelReason: input.cancelReason }),
          },
        });
        if (input.supplierOrder) {
          const { amountPaid, shipTo, recordedAt, ...rest } = input.supplierOrder;
          const row = {
            ...rest,
            amountPaid: amountPaid.amount,
            currency: amountPaid.currency,
            shipTo: shipTo as unknown as Prisma.InputJsonValue,
            recordedAt: new Date(recordedAt),
          };
          await tx.supplierOrder.upsert({
            where: { orderId: input.orderId },
            create: { orderId: input.orderId, ...row },
            update: row,
          });
        }
        if (input.tracking) {
          const row = {
            number: input.tracking.number,
            carrier: input.tracking.carrier ?? null,
            registeredAt: new Date(input.tracking.registeredAt),
          };
          await tx.tracking.upsert({
            where: { orderId: input.orderId },
            create: { orderId: input.orderId, ...row },
            update: row,
          });
        }
        if (input.carrier) {
          await tx.tracking.update({
            where: { orderId: input.orderId },
            data: {
              carrierStatus: input.carrier.status,
              subStatus: input.carrier.subStatus ?? null,
              lastEventAt: input.carrier.lastEventAt ? new Date(input.carrier.lastEventAt) : null,
              lastEventText: input.carrier.lastEventText ?? null,
              lastEventPlace: input.carrier.lastEventPlace ?? null,
              providersHash: input.carrier.providersHash ?? null,
              lastCheckedAt: at,
            },
          });
        }
        if (input.earnings) {
          await tx.earningsEntry.createMany({
            data: ledgerEntries(input.orderId, input.earnings),
            skipDuplicates: true,
          });
        }
        await tx.orderEvent.create({
          data: {
            orderId: input.orderId,
            seq: input.seq,
            type: input.event.type,
            actor: input.event.actor,
            data: input.event.data as Prisma.InputJsonValue,
            at,
          },
        });
      });
    },
  };
}

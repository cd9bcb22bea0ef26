// The read model's single writer: every status change and event the workflow makes lands here, in one
// statement per change (with its earnings movement, if any), idempotent by the workflow's event number.
import type { Queryable } from '../src/db/sql/sqlTemplate';
import { applyOrderChange } from '../src/db/sql/applyOrderChange';
import { sendRefusedEmailsAgain } from '../src/db/sql/deferredEmails';
import type { Address } from '../src/domain/address';
import type { CarrierState } from '../src/domain/carrierStatus';
import type { Money } from '../src/domain/money';
import type { OrderStatus } from '../src/domain/orderStatus';
import { CUSTOMER_EMAIL_KINDS } from '../src/mail/orderEmails';
import { type EarningsMovement, ledgerEntries } from './earningsLedger';

export interface RecordOrderChangeInput {
  orderId: string;
  seq: number;
  status: OrderStatus;
  event: { type: string; actor: string; at: string; data: Record<string, unknown> };
  slaBreached?: boolean | undefined;
  disputeOpen?: boolean | undefined;
  cancelReason?: string | undefined;
  /** A new shipping address the store gave for the customer. */
  shippingAddress?: Address | undefined;
  /** A new email address the store gave for the customer; the customer's emails refused so far go again. */
  customerEmail?: string | undefined;
  supplierOrder?:
    | { supplier: 'aliexpress' | 'cj'; supplierOrderId: string; amountPaid: Money; shipTo: Address; recordedAt: string }
    | undefined;
  tracking?: { number: string; carrier?: number | undefined; registeredAt: string } | undefined;
  carrier?: CarrierState | undefined;
  /** A ledger movement that belongs to this change (accrue at DELIVERED, release at COMPLETED, reverse at REFUNDED). */
  earnings?: EarningsMovement | undefined;
}

/** Activities that write the order read model. */
export function createOrderRecordActivities({ pool }: { pool: Queryable }) {
  return {
    /** Applies one workflow change to the order row, its side tables and the event log, exactly once. */
    async recordOrderChange(input: RecordOrderChangeInput): Promise<void> {
      const { supplierOrder, tracking, carrier, earnings } = input;
      await applyOrderChange(pool, {
        orderId: input.orderId,
        seq: input.seq,
        status: input.status,
        event: input.event,
        slaBreached: input.slaBreached,
        disputeOpen: input.disputeOpen,
        cancelReason: input.cancelReason,
        shippingAddress: input.shippingAddress && { ...input.shippingAddress },
        customerEmail: input.customerEmail,
        supplierOrder: supplierOrder && {
          supplier: supplierOrder.supplier,
          supplierOrderId: supplierOrder.supplierOrderId,
          amountPaid: supplierOrder.amountPaid.amount,
          currency: supplierOrder.amountPaid.currency,
          shipTo: supplierOrder.shipTo,
          recordedAt: supplierOrder.recordedAt,
        },
        tracking: tracking && {
          number: tracking.number,
          carrier: tracking.carrier ?? null,
          registeredAt: tracking.registeredAt,
        },
        carrier: carrier && {
          carrierStatus: carrier.status,
          subStatus: carrier.subStatus ?? null,
          lastEventAt: carrier.lastEventAt ?? null,
          lastEventText: carrier.lastEventText ?? null,
          lastEventPlace: carrier.lastEventPlace ?? null,
          providersHash: carrier.providersHash ?? null,
        },
        earnings: earnings && ledgerEntries(input.orderId, earnings),
      });
      // After the change, not in its statement: a retry finds the change recorded and still sends these again.
      if (input.customerEmail !== undefined) {
        const again = { orderId: input.orderId, kinds: CUSTOMER_EMAIL_KINDS, to: input.customerEmail };
        await sendRefusedEmailsAgain(pool, again);
      }
    },
  };
}

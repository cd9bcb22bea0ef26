// The Order of the API (PRODUCT §6), built from the read model.
import type { Prisma } from '../db/generated/client';
import { TIMELINE_EVENT_SELECT } from '../db/sql/selectOrderRow';
import type { Address } from '../domain/address';
import { trackingUrl } from '../domain/carrierStatus';
import type { Money } from '../domain/money';
import { attentionOf } from './orderAttention';

/** An order with everything its page shows: what the list loads, and what `selectOrderRow` reads in SQL. */
export const ORDER_INCLUDE = {
  items: { orderBy: { position: 'asc' } },
  supplierOrder: true,
  tracking: true,
  events: { orderBy: { seq: 'asc' }, select: TIMELINE_EVENT_SELECT },
  earnings: true,
} as const satisfies Prisma.OrderInclude;

export type OrderRow = Prisma.OrderGetPayload<{ include: typeof ORDER_INCLUDE }>;

function money(amount: number, currency: string): Money {
  return { amount, currency };
}

/** Where the order's earnings stand: the last ledger movement decides. */
function earningsView(row: OrderRow) {
  const accrued = row.earnings.find((entry) => entry.reason === 'accrue');
  if (!accrued) return null;
  const status = row.earnings.some((e) => e.reason === 'reverse' || e.reason === 'chargeback')
    ? 'reversed'
    : row.earnings.some((e) => e.reason === 'release')
      ? 'available'
      : 'pending';
  return { ...money(accrued.amount, accrued.currency), status };
}

/** The API's Order for a row. */
export function orderView(row: OrderRow) {
  const tracking =
    row.tracking && row.status !== 'SUPPLIER_ORDERED' && row.status !== 'AWAITING_SHIPMENT' ? row.tracking : null;
  return {
    id: row.id,
    externalId: row.externalId,
    vendorId: row.vendorId,
    status: row.status,
    dropship: row.dropship,
    slaBreached: row.slaBreached,
    needsAttention: attentionOf({ ...row, carrierStatus: tracking?.carrierStatus }),
    disputeOpen: row.disputeOpen,
    customer: { name: row.customerName, email: row.customerEmail },
    shippingAddress: row.shippingAddress as unknown as Address,
    items: row.items.map((item) => ({
      sku: item.sku,
      title: item.title,
      quantity: item.quantity,
      unitPrice: money(item.unitPrice, row.currency),
      dropship: item.supplier
        ? {
            supplier: item.supplier,
            productUrl: item.productUrl,
            supplierCost: money(item.supplierCost ?? 0, row.currency),
            variant: item.variant ?? undefined,
          }
        : undefined,
    })),
    total: money(row.saleAmount, row.currency),
    supplierOrder: row.supplierOrder
      ? {
          supplier: row.supplierOrder.supplier,
          supplierOrderId: row.supplierOrder.supplierOrderId,
          amountPaid: money(row.supplierOrder.amountPaid, row.supplierOrder.currency),
          shipTo: row.supplierOrder.shipTo as unknown as Address,
          recordedAt: row.supplierOrder.recordedAt.toISOString(),
        }
      : null,
    tracking: tracking
      ? {
          number: tracking.number,
          carrier: tracking.carrier,
          carrierStatus: tracking.carrierStatus,
          subStatus: tracking.subStatus,
          lastEventAt: tracking.lastEventAt?.toISOString() ?? null,
          lastEvent: tracking.lastEventText,
          lastEventLocation: tracking.lastEventPlace,
          url: trackingUrl(tracking.number),
        }
      : null,
    earnings: earningsView(row),
    cancelReason: row.cancelReason,
    events: row.events.map((event) => ({
      at: event.at.toISOString(),
      type: event.type,
      actor: event.actor,
      data: event.data,
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type OrderView = ReturnType<typeof orderView>;

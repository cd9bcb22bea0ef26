// Whether an order needs its vendor now, and why: what the dashboard flags in red and the API gives as
// `needsAttention`. Read from the read model: the SLA flag, the alerts on the timeline, the carrier status.
import { type CarrierStatus, carrierProblem } from '../domain/carrierStatus';
import type { OrderStatus } from '../domain/orderStatus';

export const ATTENTION_REASONS = [
  'supplier-order-overdue',
  'supplier-not-shipped',
  'carrier-problem',
  'carrier-no-data',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/**
 * Past the supplier-order target while still awaiting the supplier order; bought, and the supplier has not shipped by
 * the latest purchase's deadline (the workflow's alert); shipped, and the carrier reports an exception, a failed
 * delivery or expired tracking; or the carrier still has no data for the number past the alert's time (the workflow's
 * alert: a wrong number or carrier, or a parcel never handed over). A problem the order has moved past is history,
 * not a task: null.
 */
type TimelineEvent = { type: string; data?: unknown };

/** Whether an `alert` event came after the last event that `restarts` its wait: an alert of what is still there. */
function alertStands(events: TimelineEvent[], alert: string, restarts: (event: TimelineEvent) => boolean): boolean {
  return events.findLastIndex((e) => e.type === alert) > events.findLastIndex(restarts);
}

export function attentionOf(order: {
  status: OrderStatus;
  slaBreached: boolean;
  events: TimelineEvent[];
  carrierStatus: string | null | undefined;
}): AttentionReason | null {
  if (order.status === 'AWAITING_SUPPLIER_ORDER' && order.slaBreached) return 'supplier-order-overdue';
  // The supplier's alert is of the purchase it was raised for: another purchase since starts the deadline afresh.
  const newPurchase = (e: TimelineEvent) =>
    e.type === 'supplier_order.corrected' && (e.data as { newPurchase?: unknown } | null)?.newPurchase === true;
  if (order.status === 'SUPPLIER_ORDERED' && alertStands(order.events, 'alert.supplier_not_shipped', newPurchase))
    return 'supplier-not-shipped';
  if (order.status === 'SHIPPED' && order.carrierStatus && carrierProblem(order.carrierStatus as CarrierStatus))
    return 'carrier-problem';
  // The "no carrier data" alert is of the number it was raised for: a correction since then starts the wait afresh.
  const corrected = (e: TimelineEvent) => e.type === 'tracking.corrected';
  if (
    order.status === 'SHIPPED' &&
    (!order.carrierStatus || order.carrierStatus === 'NotFound') &&
    alertStands(order.events, 'alert.no_carrier_data', corrected)
  )
    return 'carrier-no-data';
  return null;
}

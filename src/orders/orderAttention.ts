// Whether an order needs its vendor now, and why: what the dashboard flags in red and the API gives as
// `needsAttention`. Read from the read model: the SLA flag, the alerts on the timeline, the carrier status.
import { type CarrierStatus, carrierProblem } from '../domain/carrierStatus';
import type { OrderStatus } from '../domain/orderStatus';

export const ATTENTION_REASONS = [
  'supplier-order-overdue',
  'supplier-not-shipped',
  'carrier-problem',
  'carrier-no-data',
  'customer-tracking-refused',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/**
 * Past the supplier-order target while still awaiting the supplier order; bought, and the supplier has not shipped by
 * the latest purchase's deadline (the workflow's alert); shipped, and the carrier reports an exception, a failed
 * delivery or expired tracking; or the carrier still has no data for the number past the alert's time (the workflow's
 * alert: a wrong number or carrier, or a parcel never handed over); or shipped, and the customer's mail server refused
 * their tracking email (a typo in the address, a mailbox that no longer exists): the customer does not know the
 * parcel is on its way, and the vendor can reach them another way (the address's phone) or ask the store to correct
 * the email. A problem the order has moved past is history, not a task: null.
 */
type TimelineEvent = { type: string; data?: unknown };

/** Whether the last event that `raises` a problem came after the last one that `restarts` it: it is still there. */
function stands(
  events: TimelineEvent[],
  raises: (event: TimelineEvent) => boolean,
  restarts: (event: TimelineEvent) => boolean,
): boolean {
  return events.findLastIndex(raises) > events.findLastIndex(restarts);
}

/** Whether an `alert` event came after the last event that `restarts` its wait: an alert of what is still there. */
function alertStands(events: TimelineEvent[], alert: string, restarts: (event: TimelineEvent) => boolean): boolean {
  return stands(events, (e) => e.type === alert, restarts);
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
  // The refusal is of the address it went to: the store's correction since sends it again, to the new one.
  const trackingRefused = (e: TimelineEvent) =>
    e.type === 'email.refused' && (e.data as { email?: unknown } | null)?.email === 'customer-shipped';
  const emailChanged = (e: TimelineEvent) => e.type === 'customer_email.changed';
  if (order.status === 'SHIPPED' && stands(order.events, trackingRefused, emailChanged))
    return 'customer-tracking-refused';
  return null;
}

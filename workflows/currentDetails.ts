// What ops read first on an order's page in the Temporal Web UI ("Current details", answered by the worker): where
// the order stands and what it waits for next. Pure and workflow-safe; setting it records nothing in the history.
import type { CarrierState } from '../src/domain/carrierStatus';
import type { OrderStatus } from '../src/domain/orderStatus';

/** What the workflow waits for next, and when it acts by itself if nothing comes first. */
export interface NextStep {
  what: string;
  atMs?: number | undefined;
}

export interface OrderDetails {
  status: OrderStatus;
  next: NextStep | undefined;
  tracking: { trackingNumber: string; carrier?: number | undefined } | undefined;
  carrier: CarrierState | undefined;
  disputeOpen: boolean;
}

const STATUS_TEXT: Record<OrderStatus, string> = {
  AWAITING_SUPPLIER_ORDER: 'Awaiting the supplier order',
  AWAITING_SHIPMENT: 'Awaiting shipment (no dropship line)',
  SUPPLIER_ORDERED: 'Bought at the supplier, awaiting tracking',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered, earnings pending',
  COMPLETED: 'Completed: earnings available',
  REFUNDED: 'Refunded: a dispute resolved for the customer',
  CANCELLED: 'Cancelled',
};

/** `2026-12-07 10:00 UTC`: minutes are what ops plan by. */
function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The order's current details as Markdown, a fact per paragraph. */
export function currentDetails(order: OrderDetails): string {
  const lines = [`**${STATUS_TEXT[order.status]}**`];
  if (order.next)
    lines.push(`Next: ${order.next.what}${order.next.atMs === undefined ? '' : `, ${utc(order.next.atMs)}`}`);
  if (order.tracking) {
    const { trackingNumber, carrier } = order.tracking;
    const news = order.carrier
      ? `carrier status ${order.carrier.status}${order.carrier.subStatus ? ` (${order.carrier.subStatus})` : ''}`
      : 'no carrier data yet';
    lines.push(`Tracking ${trackingNumber}${carrier === undefined ? '' : ` (17TRACK carrier ${carrier})`}: ${news}`);
  }
  if (order.disputeOpen) lines.push('A dispute is open: the earnings are held until the platform resolves it');
  return lines.join('\n\n');
}

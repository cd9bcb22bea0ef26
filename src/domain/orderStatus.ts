// The order lifecycle of PRODUCT §2. The workflow owns the status; these are the names everyone shares.

export const ORDER_STATUSES = [
  'AWAITING_SUPPLIER_ORDER',
  'AWAITING_SHIPMENT',
  'SUPPLIER_ORDERED',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'REFUNDED',
  'CANCELLED',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses in which the workflow has ended and no action is possible. */
export const FINAL_STATUSES: readonly OrderStatus[] = ['COMPLETED', 'REFUNDED', 'CANCELLED'];

/** Statuses whose workflow is still running: what ops count as open orders. */
export const OPEN_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

/** Whether an order in `status` can still be cancelled (only before it ships). */
export function isCancellable(status: OrderStatus): boolean {
  return status === 'AWAITING_SUPPLIER_ORDER' || status === 'AWAITING_SHIPMENT' || status === 'SUPPLIER_ORDERED';
}

/**
 * Statuses in which the marketplace can open a dispute: delivered (damaged, not as described; the earnings are held)
 * or shipped and not yet delivered (the customer says it never arrived; there are no earnings yet).
 */
export const DISPUTABLE_STATUSES: readonly OrderStatus[] = ['SHIPPED', 'DELIVERED'];

/** Who did something to an order, as the event log records it. */
export type Actor = { kind: 'vendor'; id: string } | { kind: 'platform' } | { kind: 'carrier' } | { kind: 'system' };

/** `vendor:<id>`, `platform`, `carrier` or `system`: the actor as one string for the log. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'vendor' ? `vendor:${actor.id}` : actor.kind;
}

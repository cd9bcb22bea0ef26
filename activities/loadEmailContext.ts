// Reads what an order email shows from the read model, so the workflow passes only ids and a few facts.
import type { Queryable } from '../src/db/sql/sqlTemplate';
import { selectEmailContextRow } from '../src/db/sql/selectEmailContextRow';
import type { Address } from '../src/domain/address';
import { trackingUrl } from '../src/domain/carrierStatus';
import type { OrderEmailContext } from '../src/mail/emailContext';
import { carrierName } from '../src/tracking/carriers';
import { orderWorkflowId } from '../workflows/messages';

/** The email context of `orderId`; throws if the order does not exist. */
export async function loadEmailContext(
  db: Queryable,
  orderId: string,
  links: { publicBaseUrl: string; temporalUiWorkflowsUrl?: string | undefined },
  details: Record<string, string>,
): Promise<OrderEmailContext> {
  const order = await selectEmailContextRow(db, orderId);
  if (!order) throw new Error(`No order ${orderId}`);
  return {
    orderId: order.id,
    externalId: order.externalId,
    // The dashboard is one page that routes on the hash: /dashboard/orders/<id> would be a 404.
    orderUrl: `${links.publicBaseUrl}/dashboard#/orders/${order.id}`,
    // Ops sign in to no vendor's dashboard: their link is the order's workflow in the Temporal Web UI.
    opsUrl: links.temporalUiWorkflowsUrl && `${links.temporalUiWorkflowsUrl}/${orderWorkflowId(order.id)}`,
    vendor: { name: order.vendorName, email: order.vendorEmail },
    customer: { name: order.customerName, email: order.customerEmail },
    shippingAddress: order.shippingAddress as Address,
    items: order.items.map((item) => ({
      sku: item.sku,
      title: item.title,
      quantity: item.quantity,
      variant: item.variant ?? undefined,
      supplier: item.supplier ?? undefined,
      productUrl: item.productUrl ?? undefined,
      supplierCost: item.supplierCost === null ? undefined : { amount: item.supplierCost, currency: order.currency },
    })),
    sale: { amount: order.saleAmount, currency: order.currency },
    supplierOrder:
      order.supplierOrderSupplier && order.supplierOrderId
        ? { supplier: order.supplierOrderSupplier, id: order.supplierOrderId }
        : undefined,
    tracking: order.trackingNumber
      ? {
          number: order.trackingNumber,
          carrier: carrierName(order.trackingCarrier),
          url: trackingUrl(order.trackingNumber),
        }
      : undefined,
    earnings:
      order.accruedAmount === null ? undefined : { amount: order.accruedAmount, currency: order.accruedCurrency! },
    cancelReason: order.cancelReason ?? undefined,
    details,
  };
}

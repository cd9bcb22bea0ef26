// Reads what an order email shows from the read model, so the workflow passes only ids and a few facts.
import type { PrismaClient } from '../src/db/prismaClient';
import type { Address } from '../src/domain/address';
import { trackingUrl } from '../src/domain/carrierStatus';
import type { OrderEmailContext } from '../src/mail/emailContext';
import { carrierName } from '../src/tracking/carriers';

/** The email context of `orderId`; throws if the order does not exist. */
export async function loadEmailContext(
  prisma: PrismaClient,
  orderId: string,
  publicBaseUrl: string,
  details: Record<string, string>,
): Promise<OrderEmailContext> {
  const order = await prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { vendor: true, items: { orderBy: { position: 'asc' } }, tracking: true, earnings: true },
  });
  const accrued = order.earnings.find((entry) => entry.reason === 'accrue');
  return {
    orderId: order.id,
    externalId: order.externalId,
    orderUrl: `${publicBaseUrl}/dashboard/orders/${order.id}`,
    vendor: { name: order.vendor.name, email: order.vendor.email },
    customer: { name: order.customerName, email: order.customerEmail },
    shippingAddress: order.shippingAddress as unknown as Address,
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
    tracking: order.tracking
      ? {
          number: order.tracking.number,
          carrier: carrierName(order.tracking.carrier),
          url: trackingUrl(order.tracking.number),
        }
      : undefined,
    earnings: accrued ? { amount: accrued.amount, currency: accrued.currency } : undefined,
    cancelReason: order.cancelReason ?? undefined,
    details,
  };
}

// A repeated intake must be the same order: the storefront retrying, not a second order sent under an external
// id that is already taken (say, two vendors' parts of one checkout both sent with the marketplace's order
// number). Answering such a repeat 200 with the first order would drop the second without a word, so intake
// compares the repeat with the stored order and names what differs (a 409, src/orders/createOrder.ts).
import type { CreateOrderBody } from '../http/schemas';
import type { OrderRow } from './orderView';

/** What an intake says about its order, in one shape for a request body and a stored row. */
interface IntakeContent {
  vendorId: unknown;
  customer: unknown;
  shippingAddress: unknown;
  items: unknown;
}

/** JSON with sorted keys and without null or absent fields, so the same content compares equal either way. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(
          Object.entries(field)
            .filter(([, inner]) => inner !== null && inner !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : field,
  );
}

function requested(body: CreateOrderBody): IntakeContent {
  return {
    vendorId: body.vendorId,
    customer: { name: body.customer.name, email: body.customer.email },
    shippingAddress: body.shippingAddress,
    items: body.items.map((item) => ({
      sku: item.sku,
      title: item.title,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      supplier: item.dropship?.supplier,
      productUrl: item.dropship?.productUrl,
      supplierCost: item.dropship?.supplierCost,
      variant: item.dropship?.variant,
    })),
  };
}

function stored(row: OrderRow): IntakeContent {
  const money = (amount: number | null) => (amount === null ? null : { amount, currency: row.currency });
  return {
    vendorId: row.vendorId,
    customer: { name: row.customerName, email: row.customerEmail },
    shippingAddress: row.shippingAddress,
    items: row.items.map((item) => ({
      sku: item.sku,
      title: item.title,
      quantity: item.quantity,
      unitPrice: money(item.unitPrice),
      supplier: item.supplier,
      productUrl: item.productUrl,
      supplierCost: money(item.supplierCost),
      variant: item.variant,
    })),
  };
}

/**
 * The addresses the order was at before the store changed it (POST .../shipping-address): a storefront retrying its
 * original intake after a change sends the address it had then, and is still the same order.
 */
function earlierAddresses(row: OrderRow): string[] {
  return row.events
    .filter((event) => event.type === 'shipping_address.changed')
    .map((event) => canonical((event.data as { previous?: unknown } | null)?.previous));
}

/** The customer as it was before each change of its email by the store (POST .../customer-email), likewise. */
function earlierCustomers(row: OrderRow): string[] {
  return row.events
    .filter((event) => event.type === 'customer_email.changed')
    .map((event) =>
      canonical({ name: row.customerName, email: (event.data as { previous?: unknown } | null)?.previous }),
    );
}

/** The top-level fields of `body` whose content differs from the stored order; none for a true repeat. */
export function intakeDifferences(body: CreateOrderBody, row: OrderRow): (keyof IntakeContent)[] {
  const [wanted, have] = [requested(body), stored(row)];
  const earlier: Partial<Record<keyof IntakeContent, (row: OrderRow) => string[]>> = {
    shippingAddress: earlierAddresses,
    customer: earlierCustomers,
  };
  return (Object.keys(wanted) as (keyof IntakeContent)[]).filter((field) => {
    const text = canonical(wanted[field]);
    if (text === canonical(have[field])) return false;
    return !earlier[field]?.(row).includes(text);
  });
}

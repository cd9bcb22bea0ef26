// Request bodies the tests send, built so each test can change just what it is about.
import { randomInt, randomUUID } from 'node:crypto';
import type { Address } from '../../src/domain/address';
import type { SupplierName } from '../../workflows/messages';

/** The customer's address used by the fixtures: Porto, Portugal. */
export const CUSTOMER_ADDRESS: Address = {
  name: 'Ana Silva',
  line1: 'Rua das Flores 12',
  line2: '3 Esq',
  city: 'Porto',
  postalCode: '4000-123',
  country: 'PT',
  phone: '+351912345678',
};

/** A vendor's own warehouse address: must never pass the address guard. */
export const VENDOR_ADDRESS: Address = {
  name: 'Lisbon Gadgets Lda',
  line1: 'Avenida da Liberdade 100',
  city: 'Lisboa',
  postalCode: '1250-096',
  country: 'PT',
};

/** One dropship line: the moon lamp from AliExpress, at `price` with the supplier's `cost` (USD 29.99 and 8.50). */
export function dropshipLine(
  price = { amount: 2999, currency: 'USD' },
  cost = { amount: 850, currency: price.currency },
) {
  return {
    sku: 'LAMP-01',
    title: 'Moon lamp',
    quantity: 1,
    unitPrice: price,
    dropship: {
      supplier: 'aliexpress',
      productUrl: 'https://www.aliexpress.com/item/1005001234567890.html',
      supplierCost: cost,
      variant: 'Warm white, 15 cm',
    },
  };
}

/** A dropship order from AliExpress: $29.99 sale, $8.50 supplier cost. */
export function dropshipOrderBody(vendorId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId: `SHOP-${randomUUID().slice(0, 8)}`,
    vendorId,
    customer: { name: 'Ana Silva', email: `ana.${randomUUID().slice(0, 6)}@example.com` },
    shippingAddress: CUSTOMER_ADDRESS,
    items: [dropshipLine()],
    ...overrides,
  };
}

/** The same order without a dropship line: the vendor ships it from its own stock. */
export function regularOrderBody(vendorId: string) {
  const body = dropshipOrderBody(vendorId);
  return {
    ...body,
    items: [{ sku: 'MUG-01', title: 'Mug', quantity: 2, unitPrice: { amount: 1200, currency: 'USD' } }],
  };
}

/** The supplier-order body a careful vendor sends: the customer's address as ship-to. */
export function supplierOrderBody(shipTo: Address = CUSTOMER_ADDRESS) {
  return {
    supplier: 'aliexpress' as SupplierName,
    supplierOrderId: `AE-${randomUUID().slice(0, 10)}`,
    amountPaid: { amount: 850, currency: 'USD' },
    shipTo,
  };
}

/** A fresh China Post (UPU S10) tracking number; numbers are unique across the run's database. */
export function newTrackingNumber(): string {
  return `RR${String(randomInt(0, 1e9)).padStart(9, '0')}CN`;
}

// What every order email can show, loaded from the read model by the email activity.
import type { Address } from '../domain/address';
import type { Money } from '../domain/money';

export interface EmailLineItem {
  sku: string;
  title: string;
  quantity: number;
  variant?: string | undefined;
  supplier?: 'aliexpress' | 'cj' | undefined;
  productUrl?: string | undefined;
  supplierCost?: Money | undefined;
}

export interface OrderEmailContext {
  orderId: string;
  externalId: string;
  orderUrl: string;
  /** The order's workflow in the Temporal Web UI, for ops' emails; none when TEMPORAL_UI_URL is not known. */
  opsUrl?: string | undefined;
  vendor: { name: string; email: string };
  customer: { name: string; email: string };
  shippingAddress: Address;
  items: EmailLineItem[];
  sale: Money;
  /** The supplier purchase the vendor recorded, once there is one. */
  supplierOrder?: { supplier: 'aliexpress' | 'cj'; id: string } | undefined;
  tracking?: { number: string; carrier: string; url: string } | undefined;
  earnings?: Money | undefined;
  cancelReason?: string | undefined;
  /** Kind-specific facts from the workflow, e.g. `problem` for alerts or the SLA target. */
  details: Record<string, string>;
}

/** Example data for the React Email preview and the rendering tests. */
export const PREVIEW_CONTEXT: OrderEmailContext = {
  orderId: 'ord_preview',
  externalId: 'SHOP-1001',
  orderUrl: 'http://localhost:3000/dashboard#/orders/ord_preview',
  opsUrl: 'http://localhost:8233/namespaces/default/workflows/order-ord_preview',
  vendor: { name: 'Lisbon Gadgets', email: 'vendor@example.com' },
  customer: { name: 'Ana Silva', email: 'ana@example.com' },
  shippingAddress: {
    name: 'Ana Silva',
    line1: 'Rua das Flores 12',
    line2: '3º Esq',
    city: 'Porto',
    postalCode: '4000-123',
    country: 'PT',
    phone: '+351 912 345 678',
  },
  items: [
    {
      sku: 'LAMP-01',
      title: 'Moon lamp',
      quantity: 1,
      variant: 'Warm white, 15 cm',
      supplier: 'aliexpress',
      productUrl: 'https://www.aliexpress.com/item/1005001234567890.html',
      supplierCost: { amount: 850, currency: 'USD' },
    },
  ],
  sale: { amount: 2999, currency: 'USD' },
  tracking: { number: 'RR123456785CN', carrier: 'China Post', url: 'https://t.17track.net/en#nums=RR123456785CN' },
  earnings: { amount: 1849, currency: 'USD' },
  details: {
    targetMs: String(24 * 3_600_000),
    problem: 'tracking-exception',
    subStatus: 'Exception_Delayed',
    occurrence: '1',
  },
};

// How money, ages, addresses and statuses read on the dashboard.
import { h } from './dom.js';

export const STATUS_LABELS = {
  AWAITING_SUPPLIER_ORDER: 'Awaiting supplier order',
  AWAITING_SHIPMENT: 'Awaiting shipment',
  SUPPLIER_ORDERED: 'Supplier ordered',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  COMPLETED: 'Completed',
  REFUNDED: 'Refunded',
  CANCELLED: 'Cancelled',
};
export const SUPPLIERS = { aliexpress: 'AliExpress', cj: 'CJ Dropshipping' };

/** An amount in minor units, in its currency's format. */
export function money(m) {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(m.amount / 10 ** digits);
}

/** What the vendor typed ("12.50" or "12,50") in the currency's minor units. */
export function minorUnits(text, currency) {
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  return Math.round(Number(String(text).replace(',', '.')) * 10 ** digits);
}

/** How long ago, in the largest unit that reads well in a list. */
export function age(iso) {
  const ms = Date.now() - Date.parse(iso);
  const hours = Math.floor(ms / 3600000);
  if (hours < 1) return `${Math.max(1, Math.floor(ms / 60000))} min`;
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** An address as the lines of a label. */
export function addressLines(a) {
  return [
    a.name,
    a.line1,
    a.line2,
    `${a.postalCode} ${a.city}`,
    a.region,
    a.country,
    a.phone && `Phone: ${a.phone}`,
  ].filter(Boolean);
}

export function statusChip(status) {
  return h('span', { class: `status status-${status.toLowerCase()}` }, STATUS_LABELS[status] || status);
}

import type { Money } from './money';

/** `{ amount: 1299, currency: 'USD' }` → `$12.99`, honouring each currency's minor-unit digits. */
export function formatMoney(money: Money): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

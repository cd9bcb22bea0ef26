import type { Money } from './money';

// Building an Intl.NumberFormat costs far more than using one: keep one per currency.
const formats = new Map<string, Intl.NumberFormat>();

function formatFor(currency: string): Intl.NumberFormat {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format;
}

/** `{ amount: 1299, currency: 'USD' }` → `$12.99`, honouring each currency's minor-unit digits. */
export function formatMoney(money: Money): string {
  const format = formatFor(money.currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

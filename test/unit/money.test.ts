import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/domain/formatMoney';
import { commissionOn, earningsFor } from '../../src/domain/money';

describe('money', () => {
  it('computes earnings as sale − supplier cost − commission, in minor units', () => {
    expect(earningsFor({ amount: 2999, currency: 'USD' }, 850, 0.1)).toEqual({
      sale: 2999,
      supplierCost: 850,
      commission: 300,
      earnings: 1849,
      currency: 'USD',
    });
  });

  it('rounds commission half-up without float noise', () => {
    expect(commissionOn(1299, 0.1)).toBe(130); // 129.9
    expect(commissionOn(1005, 0.1)).toBe(101); // 100.5 → 101
    expect(commissionOn(1000, 0.075)).toBe(75);
    expect(commissionOn(0, 0.3)).toBe(0);
  });

  it('formats amounts with each currency’s minor-unit digits', () => {
    expect(formatMoney({ amount: 1849, currency: 'USD' })).toBe('$18.49');
    expect(formatMoney({ amount: 1849, currency: 'JPY' })).toBe('¥1,849');
    expect(formatMoney({ amount: 1849, currency: 'EUR' })).toBe('€18.49');
  });
});

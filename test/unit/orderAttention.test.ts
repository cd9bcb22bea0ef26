// When an order needs its vendor now, and when a problem is history.
import { describe, expect, it } from 'vitest';
import { attentionOf } from '../../src/orders/orderAttention';

const order = (status: string, extra: { slaBreached?: boolean; events?: string[]; carrierStatus?: string } = {}) =>
  attentionOf({
    status: status as never,
    slaBreached: extra.slaBreached ?? false,
    events: (extra.events ?? []).map((type) => ({ type })),
    carrierStatus: extra.carrierStatus,
  });

describe('attentionOf', () => {
  it('flags a missed supplier-order target only while the order still awaits the supplier order', () => {
    expect(order('AWAITING_SUPPLIER_ORDER', { slaBreached: true })).toBe('supplier-order-overdue');
    expect(order('AWAITING_SUPPLIER_ORDER')).toBeNull();
    expect(order('SUPPLIER_ORDERED', { slaBreached: true })).toBeNull();
    expect(order('COMPLETED', { slaBreached: true })).toBeNull();
  });

  it('flags a supplier that has not shipped by its deadline until tracking is entered', () => {
    const alerted = { events: ['order.created', 'supplier_order.recorded', 'alert.supplier_not_shipped'] };
    expect(order('SUPPLIER_ORDERED', alerted)).toBe('supplier-not-shipped');
    expect(order('SUPPLIER_ORDERED', { events: ['supplier_order.recorded'] })).toBeNull();
    expect(order('SHIPPED', alerted)).toBeNull();
  });

  it('drops the supplier alert once the vendor records another purchase, not when it fixes the amount paid', () => {
    const events = (...types: [string, unknown?][]) =>
      attentionOf({
        status: 'SUPPLIER_ORDERED',
        slaBreached: false,
        events: types.map(([type, data]) => ({ type, data })),
        carrierStatus: undefined,
      });
    const alerted: [string, unknown?][] = [['supplier_order.recorded'], ['alert.supplier_not_shipped']];
    expect(events(...alerted, ['supplier_order.corrected', { newPurchase: true }])).toBeNull();
    expect(events(...alerted, ['supplier_order.corrected', { newPurchase: false }])).toBe('supplier-not-shipped');
    expect(
      events(...alerted, ['supplier_order.corrected', { newPurchase: true }], ['alert.supplier_not_shipped']),
    ).toBe('supplier-not-shipped');
  });

  it('flags a shipped order whose carrier reports a problem, and no other carrier status', () => {
    for (const carrierStatus of ['Exception', 'DeliveryFailure', 'Expired'])
      expect(order('SHIPPED', { carrierStatus })).toBe('carrier-problem');
    for (const carrierStatus of ['InTransit', 'NotFound', 'Delivered', undefined])
      expect(order('SHIPPED', { carrierStatus })).toBeNull();
    expect(order('DELIVERED', { carrierStatus: 'Exception' })).toBeNull();
  });

  it('flags a shipped order the carrier has no data for past the alert, until the carrier reports it', () => {
    const alerted = { events: ['order.created', 'tracking.added', 'alert.no_carrier_data'] };
    expect(order('SHIPPED', alerted)).toBe('carrier-no-data');
    expect(order('SHIPPED', { ...alerted, carrierStatus: 'NotFound' })).toBe('carrier-no-data');
    expect(order('SHIPPED', { ...alerted, carrierStatus: 'InTransit' })).toBeNull();
    expect(order('SHIPPED', { ...alerted, carrierStatus: 'Exception' })).toBe('carrier-problem');
    expect(order('SHIPPED', { events: ['tracking.added'] })).toBeNull();
    expect(order('DELIVERED', alerted)).toBeNull();
    // Corrected since: the alert was of the old number. Alerted again for the new one: flagged again.
    const corrected = [...alerted.events, 'tracking.corrected'];
    expect(order('SHIPPED', { events: corrected })).toBeNull();
    expect(order('SHIPPED', { events: [...corrected, 'alert.no_carrier_data'] })).toBe('carrier-no-data');
  });

  it("flags a shipped order whose customer's mail server refused their tracking, until the store corrects the email", () => {
    const flagged = (status: string, ...types: [string, unknown?][]) =>
      attentionOf({
        status: status as never,
        slaBreached: false,
        events: types.map(([type, data]) => ({ type, data })),
        carrierStatus: 'InTransit',
      });
    const refused = (email: string): [string, unknown] => ['email.refused', { email, to: 'ana@gmial.com' }];
    const shipped: [string][] = [['order.created'], ['tracking.added']];
    expect(flagged('SHIPPED', ...shipped, refused('customer-shipped'))).toBe('customer-tracking-refused');
    // Another email refused is not the tracking; once delivered, the customer has the parcel.
    expect(flagged('SHIPPED', ...shipped, refused('vendor-alert'))).toBeNull();
    expect(flagged('DELIVERED', ...shipped, refused('customer-shipped'))).toBeNull();
    // The store corrected the email: sent again to it. Refused there too: flagged again.
    const corrected: [string, unknown?][] = [...shipped, refused('customer-shipped'), ['customer_email.changed']];
    expect(flagged('SHIPPED', ...corrected)).toBeNull();
    expect(flagged('SHIPPED', ...corrected, refused('customer-shipped'))).toBe('customer-tracking-refused');
    // A carrier problem comes first.
    expect(
      attentionOf({
        status: 'SHIPPED',
        slaBreached: false,
        events: [{ type: 'email.refused', data: { email: 'customer-shipped' } }],
        carrierStatus: 'Exception',
      }),
    ).toBe('carrier-problem');
  });
});

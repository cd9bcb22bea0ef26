// Which deferred order emails the outbox relay still sends once SMTP is back, and which the order has moved past.
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../src/domain/orderStatus';
import { EMAIL_KINDS } from '../../src/mail/orderEmails';
import { type AskedEmail, type OrderProgress, whyOutdated } from '../../src/mail/outdatedEmail';

const at = (status: OrderStatus, extra: Partial<OrderProgress> = {}): OrderProgress => ({
  status,
  carrierStatus: null,
  purchases: 1,
  trackingNumbers: 1,
  customerEmail: 'ana@example.com',
  ...extra,
});
const email = (kind: AskedEmail['kind'], topic?: string, occurrence = 1): AskedEmail => ({ kind, topic, occurrence });

describe('whyOutdated', () => {
  it('drops the new-order email and the reminders once the supplier order is recorded, or the order cancelled', () => {
    for (const kind of ['vendor-new-order', 'vendor-reminder', 'ops-escalation'] as const) {
      expect(whyOutdated(email(kind), at('AWAITING_SUPPLIER_ORDER'))).toBeUndefined();
      expect(whyOutdated(email(kind), at('SUPPLIER_ORDERED'))).toBe('the order is SUPPLIER_ORDERED since');
      expect(whyOutdated(email(kind), at('CANCELLED'))).toBe('the order is CANCELLED since');
    }
    // An order with no dropship line is new until it ships.
    expect(whyOutdated(email('vendor-new-order'), at('AWAITING_SHIPMENT'))).toBeUndefined();
    expect(whyOutdated(email('vendor-new-order'), at('SHIPPED'))).toBe('the order is SHIPPED since');
  });

  it('drops a "supplier has not shipped" alert once shipped, or once another purchase replaced its purchase', () => {
    const alert = (purchase: number) => email('vendor-alert', 'supplier-not-shipped', purchase);
    expect(whyOutdated(alert(1), at('SUPPLIER_ORDERED'))).toBeUndefined();
    expect(whyOutdated(alert(1), at('SHIPPED'))).toBe('the order is SHIPPED since');
    expect(whyOutdated(alert(1), at('SUPPLIER_ORDERED', { purchases: 2 }))).toBe(
      'the vendor recorded a new supplier purchase since',
    );
    expect(whyOutdated(alert(2), at('SUPPLIER_ORDERED', { purchases: 2 }))).toBeUndefined();
  });

  it('drops a carrier alert once delivered, or once the tracking number it is about was corrected', () => {
    const alert = (topic: string, number = 1) => email('vendor-alert', topic, number);
    for (const topic of ['tracking-exception', 'delivery-failure', 'tracking-expired', 'no-carrier-data']) {
      expect(whyOutdated(alert(topic), at('SHIPPED'))).toBeUndefined();
      expect(whyOutdated(alert(topic), at('DELIVERED'))).toBe('the order is DELIVERED since');
      expect(whyOutdated(alert(topic), at('SHIPPED', { trackingNumbers: 2 }))).toBe(
        'the vendor corrected the tracking number since',
      );
      expect(whyOutdated(alert(topic, 2), at('SHIPPED', { trackingNumbers: 2 }))).toBeUndefined();
    }
  });

  it('drops a "tracking email refused" alert once delivered, or once the store corrected the refused address', () => {
    const alert = (occurrence = 1): AskedEmail => ({
      ...email('vendor-alert', 'customer-tracking-refused', occurrence),
      details: { refusedAddress: 'ana@gmial.invalid', reply: '550 no such domain' },
    });
    const refusedStill = { customerEmail: 'ana@gmial.invalid' };
    expect(whyOutdated(alert(), at('SHIPPED', refusedStill))).toBeUndefined();
    expect(whyOutdated(alert(), at('DELIVERED', refusedStill))).toBe('the order is DELIVERED since');
    expect(whyOutdated(alert(), at('SHIPPED'))).toBe("the store corrected the customer's email since");
    // A new tracking number's email goes to the same address: the customer still has no tracking.
    expect(whyOutdated(alert(), at('SHIPPED', { ...refusedStill, trackingNumbers: 2 }))).toBeUndefined();
  });

  it('drops "no carrier data" once the carrier reports the parcel, but not while it still finds nothing', () => {
    const alert = email('vendor-alert', 'no-carrier-data');
    expect(whyOutdated(alert, at('SHIPPED', { carrierStatus: 'NotFound' }))).toBeUndefined();
    expect(whyOutdated(alert, at('SHIPPED', { carrierStatus: 'InTransit' }))).toBe(
      'the carrier reports the parcel since (InTransit)',
    );
    // An exception is still news after a carrier scan.
    const exception = email('vendor-alert', 'tracking-exception');
    expect(whyOutdated(exception, at('SHIPPED', { carrierStatus: 'InTransit' }))).toBeUndefined();
  });

  it('still tells the customer of a delivered parcel its tracking, but not of an old number or a refunded order', () => {
    expect(whyOutdated(email('customer-shipped'), at('SHIPPED'))).toBeUndefined();
    expect(whyOutdated(email('customer-shipped'), at('COMPLETED'))).toBeUndefined();
    expect(whyOutdated(email('customer-shipped'), at('SHIPPED', { trackingNumbers: 2 }))).toBe(
      'the vendor corrected the tracking number since',
    );
    expect(whyOutdated(email('customer-shipped', undefined, 2), at('SHIPPED', { trackingNumbers: 2 }))).toBeUndefined();
    expect(whyOutdated(email('customer-shipped'), at('REFUNDED'))).toBe('the order was refunded since');
  });

  it('sends every other email, which tells what happened, however far the order has gone since', () => {
    // Every kind but those the tests above judge, so a kind added later is held to this too.
    const judged = ['vendor-new-order', 'vendor-reminder', 'ops-escalation', 'customer-shipped', 'vendor-alert'];
    const told = EMAIL_KINDS.filter((kind) => !judged.includes(kind));
    expect(told).toEqual(
      expect.arrayContaining(['customer-delivered', 'vendor-earnings-available', 'customer-cancelled']),
    );
    for (const kind of told) {
      for (const status of ['COMPLETED', 'REFUNDED', 'CANCELLED'] as const) {
        expect(whyOutdated(email(kind), at(status, { purchases: 3, trackingNumbers: 3 }))).toBeUndefined();
      }
    }
  });
});

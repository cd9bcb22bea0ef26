// The Web UI's "Current details" of an order, as the workflow words them.
import { describe, expect, it } from 'vitest';
import { currentDetails } from '../../workflows/currentDetails';

describe('currentDetails', () => {
  it('puts the status first, then the next step with its UTC minute, the tracking and an open dispute', () => {
    const text = currentDetails({
      status: 'DELIVERED',
      next: { what: 'the platform resolves the dispute' },
      tracking: { trackingNumber: 'RR123456789CN', carrier: 3011 },
      carrier: { status: 'Delivered', subStatus: 'Delivered_Other' },
      disputeOpen: true,
    });
    expect(text.split('\n\n')).toEqual([
      '**Delivered, earnings pending**',
      'Next: the platform resolves the dispute',
      'Tracking RR123456789CN (17TRACK carrier 3011): carrier status Delivered (Delivered_Other)',
      'A dispute is open: the earnings are held until the platform resolves it',
    ]);
    expect(
      currentDetails({
        status: 'AWAITING_SUPPLIER_ORDER',
        next: {
          what: 'the vendor records the supplier order, or the first reminder',
          atMs: Date.UTC(2026, 11, 7, 10, 0, 42),
        },
        tracking: undefined,
        carrier: undefined,
        disputeOpen: false,
      }),
    ).toBe(
      '**Awaiting the supplier order**\n\nNext: the vendor records the supplier order, or the first reminder, 2026-12-07 10:00 UTC',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { type CarrierState, carrierProblem, mergeCarrierUpdate } from '../../src/domain/carrierStatus';

const transit: CarrierState = {
  status: 'InTransit',
  subStatus: 'InTransit_Departure',
  lastEventAt: '2026-11-20T08:00:00Z',
  providersHash: '10',
};

describe('forward-only merge of carrier updates', () => {
  it('takes the first update', () => {
    expect(mergeCarrierUpdate(undefined, transit)).toEqual(transit);
  });

  it('drops an update with the same providers hash, or the same status and event time', () => {
    expect(mergeCarrierUpdate(transit, { ...transit, subStatus: 'other' })).toBeUndefined();
    expect(mergeCarrierUpdate(transit, { ...transit, providersHash: undefined })).toBeUndefined();
  });

  it('drops an update whose last event is older than the one known', () => {
    expect(
      mergeCarrierUpdate(transit, { status: 'InfoReceived', lastEventAt: '2026-11-12T02:00:00Z', providersHash: '9' }),
    ).toBeUndefined();
  });

  it('takes a newer event even when it is a setback (an exception after transit)', () => {
    const exception = {
      status: 'Exception' as const,
      subStatus: 'Exception_Delayed',
      lastEventAt: '2026-11-21T08:00:00Z',
      providersHash: '11',
    };
    expect(mergeCarrierUpdate(transit, exception)).toEqual(exception);
  });

  it('without event times, takes progress only', () => {
    const bare = { status: 'InTransit' as const };
    expect(mergeCarrierUpdate(bare, { status: 'InfoReceived' })).toBeUndefined();
    expect(mergeCarrierUpdate(bare, { status: 'OutForDelivery' })).toEqual({ status: 'OutForDelivery' });
  });

  it('never leaves Delivered', () => {
    const delivered: CarrierState = { status: 'Delivered', lastEventAt: '2026-11-24T10:00:00Z' };
    expect(mergeCarrierUpdate(delivered, { status: 'InTransit', lastEventAt: '2026-11-25T10:00:00Z' })).toBeUndefined();
  });

  it('maps problem statuses to vendor alerts', () => {
    expect(
      ['Exception', 'DeliveryFailure', 'Expired', 'InTransit', 'Delivered'].map((s) =>
        carrierProblem(s as CarrierState['status']),
      ),
    ).toEqual(['tracking-exception', 'delivery-failure', 'tracking-expired', undefined, undefined]);
  });
});

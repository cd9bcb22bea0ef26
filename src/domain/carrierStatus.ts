// Carrier tracking state as 17TRACK reports it, merged forward only (17TRACK.md: events arrive late, twice
// or out of order, and a Delivered parcel never goes back to InTransit).

/** 17TRACK's `latest_status.status` values. */
export const CARRIER_STATUSES = [
  'NotFound',
  'InfoReceived',
  'InTransit',
  'Expired',
  'AvailableForPickup',
  'OutForDelivery',
  'DeliveryFailure',
  'Delivered',
  'Exception',
] as const;
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];

/** What the order knows of its parcel. Times are ISO strings so the state stays plain JSON. */
export interface CarrierState {
  status: CarrierStatus;
  subStatus?: string | undefined;
  lastEventAt?: string | undefined;
  lastEventText?: string | undefined;
  lastEventPlace?: string | undefined;
  providersHash?: string | undefined;
}

/** Carrier problems the vendor is alerted to, once each. */
export type CarrierProblem = 'tracking-exception' | 'delivery-failure' | 'tracking-expired';

const PROGRESS: Record<CarrierStatus, number> = {
  NotFound: 0,
  InfoReceived: 1,
  InTransit: 2,
  Expired: 2,
  Exception: 2,
  AvailableForPickup: 3,
  OutForDelivery: 3,
  DeliveryFailure: 3,
  Delivered: 4,
};

/**
 * The state after `update`, or undefined when the update is stale or a duplicate and must change nothing.
 * A newer event time wins; without event times, only progress wins; Delivered is final.
 */
export function mergeCarrierUpdate(current: CarrierState | undefined, update: CarrierState): CarrierState | undefined {
  if (!current) return update;
  if (current.status === 'Delivered') return undefined;
  if (update.providersHash !== undefined && update.providersHash === current.providersHash) return undefined;
  if (
    update.status === current.status &&
    update.subStatus === current.subStatus &&
    update.lastEventAt === current.lastEventAt
  ) {
    return undefined;
  }
  if (current.lastEventAt && update.lastEventAt) {
    if (Date.parse(update.lastEventAt) < Date.parse(current.lastEventAt)) return undefined;
  } else if (PROGRESS[update.status] < PROGRESS[current.status]) {
    return undefined;
  }
  return update;
}

/** The problem a carrier status means for the vendor, if any. */
export function carrierProblem(status: CarrierStatus): CarrierProblem | undefined {
  switch (status) {
    case 'Exception':
      return 'tracking-exception';
    case 'DeliveryFailure':
      return 'delivery-failure';
    case 'Expired':
      return 'tracking-expired';
    default:
      return undefined;
  }
}

/** The public tracking page of a number, for emails and the order page. */
export function trackingUrl(trackingNumber: string): string {
  return `https://t.17track.net/en#nums=${encodeURIComponent(trackingNumber)}`;
}

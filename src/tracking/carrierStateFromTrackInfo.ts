// 17TRACK's track_info (push or gettrackinfo) as the order workflow's CarrierState.
import { CARRIER_STATUSES, type CarrierState, type CarrierStatus } from '../domain/carrierStatus';
import type { TrackInfo } from './track17Types';

/** The carrier state `info` reports, or undefined when it carries no status the service knows. */
export function carrierStateFromTrackInfo(info: TrackInfo | undefined): CarrierState | undefined {
  const status = info?.latest_status?.status;
  if (!status || !(CARRIER_STATUSES as readonly string[]).includes(status)) return undefined;
  const event = info.latest_event ?? undefined;
  const hash = info.tracking?.providers_hash;
  return {
    status: status as CarrierStatus,
    subStatus: info.latest_status?.sub_status ?? undefined,
    lastEventAt: event?.time_utc ?? undefined,
    lastEventText: event?.description ?? undefined,
    lastEventPlace: event?.location ?? undefined,
    providersHash: hash === null || hash === undefined ? undefined : String(hash),
  };
}

// 17TRACK's track_info (push or gettrackinfo) as the order workflow's CarrierState.
import { CARRIER_STATUSES, type CarrierState, type CarrierStatus } from '../domain/carrierStatus';
import { toStorableText } from '../domain/storableText';
import type { TrackInfo } from './track17Types';

function optionalText(text: string | null | undefined): string | undefined {
  return typeof text === 'string' ? toStorableText(text) : undefined;
}

/** The carrier state `info` reports, or undefined when it carries no status the service knows. */
export function carrierStateFromTrackInfo(info: TrackInfo | undefined): CarrierState | undefined {
  const status = info?.latest_status?.status;
  if (!status || !(CARRIER_STATUSES as readonly string[]).includes(status)) return undefined;
  const event = info.latest_event ?? undefined;
  const hash = info.tracking?.providers_hash;
  return {
    status: status as CarrierStatus,
    subStatus: optionalText(info.latest_status?.sub_status),
    lastEventAt: event?.time_utc ?? undefined,
    // Carrier text, written to the order's row: nothing in it may fail that write (src/domain/storableText.ts).
    lastEventText: optionalText(event?.description),
    lastEventPlace: optionalText(event?.location),
    providersHash: hash === null || hash === undefined ? undefined : String(hash),
  };
}

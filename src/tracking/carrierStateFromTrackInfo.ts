// 17TRACK's track_info (push or gettrackinfo) as the order workflow's CarrierState.
import { CARRIER_STATUSES, type CarrierState, type CarrierStatus } from '../domain/carrierStatus';
import { toStorableText } from '../domain/storableText';
import type { TrackInfo } from './track17Types';

function optionalText(text: string | null | undefined): string | undefined {
  return typeof text === 'string' ? toStorableText(text) : undefined;
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The event's time as 17TRACK sent it (ISO 8601), or undefined when it sent none or one that is not such a time:
 * it goes into a timestamp column, and a write the order workflow retries until it succeeds must not be able to
 * fail on it. Kept as sent, since the workflow compares it with the times of earlier updates as text.
 */
function eventTime(timeUtc: string | null | undefined): string | undefined {
  const parts = typeof timeUtc === 'string' ? ISO_8601.exec(timeUtc) : null;
  if (!parts || !Number.isFinite(Date.parse(timeUtc!))) return undefined;
  // Date.parse takes February 30 (as March 2); PostgreSQL does not, so the calendar is checked here.
  const [year, month, day, hour] = parts.slice(1, 5).map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 ? timeUtc! : undefined;
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
    lastEventAt: eventTime(event?.time_utc),
    // Carrier text, written to the order's row: nothing in it may fail that write (src/domain/storableText.ts).
    lastEventText: optionalText(event?.description),
    lastEventPlace: optionalText(event?.location),
    providersHash: hash === null || hash === undefined ? undefined : String(hash),
  };
}

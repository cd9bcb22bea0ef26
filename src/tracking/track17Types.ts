// 17TRACK v2.x wire format (../shared/17TRACK.md). Field names are theirs, hence snake_case.

export interface Track17Error {
  code: number;
  message: string;
}

export interface Track17Rejected {
  number: string;
  error: Track17Error;
}

/** The response envelope: HTTP 200 even when some items are rejected. */
export interface Track17Envelope<Accepted> {
  code: number;
  data: { accepted?: Accepted[]; rejected?: Track17Rejected[]; errors?: Track17Error[] } & Record<string, unknown>;
}

export interface RegisterItem {
  number: string;
  carrier?: number | undefined;
  tag?: string | undefined;
  lang?: string | undefined;
}

export interface NumberItem {
  number: string;
  carrier?: number | undefined;
}

export interface RegisterAccepted {
  origin: number;
  number: string;
  carrier: number;
}

export interface TrackEvent {
  time_iso: string | null;
  time_utc: string | null;
  description: string | null;
  location: string | null;
  stage: string | null;
  sub_status: string | null;
}

export interface TrackInfo {
  latest_status?: { status: string; sub_status: string | null; sub_status_descr: string | null };
  latest_event?: TrackEvent | null;
  tracking?: { providers_hash: number | null; providers: { events_hash?: number | null; events?: TrackEvent[] }[] };
  [field: string]: unknown;
}

export interface TrackInfoAccepted {
  number: string;
  carrier: number;
  tag?: string | null;
  param?: unknown;
  track_info: TrackInfo;
}

export interface ChangeCarrierItem {
  number: string;
  /** Omitted when 17TRACK detected the carrier and never told us which. */
  carrier_old?: number | undefined;
  carrier_new: number;
}

export interface Quota {
  quota_total: number;
  quota_used: number;
  quota_remain: number;
}

/** A webhook push body. */
export interface Track17Push {
  event: 'TRACKING_UPDATED' | 'TRACKING_STOPPED';
  data: { number: string; carrier: number; tag?: string | null; param?: unknown; track_info?: TrackInfo };
}

/** Item error codes the service acts on. */
export const TRACK17_CODES = {
  alreadyRegistered: -18019901,
  notRegistered: -18019902,
  carrierNotDetected: -18019903,
  onlyStoppedRetrack: -18019904,
  retrackOnce: -18019905,
  stopOnlyWhileTracking: -18019906,
  dailyLimit: -18019907,
  quotaExhausted: -18019908,
  noInfoYet: -18019909,
  badCarrier: -18019910,
  tooManyItems: -18010014,
} as const;

/** Whether 17TRACK refused an item for the account (its daily limit or its quota), not for the number itself. */
export function isQuotaRefusal(code: number): boolean {
  return code === TRACK17_CODES.dailyLimit || code === TRACK17_CODES.quotaExhausted;
}

/** 17TRACK accepts at most 40 items per request. */
export const TRACK17_BATCH_LIMIT = 40;

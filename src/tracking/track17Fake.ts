// A local 17TRACK: an HTTP server speaking the v2.2 wire format of ../shared/17TRACK.md (token header,
// envelope, accepted / rejected with the documented codes, 40-item limit, 429 over 3 requests/s) that
// keeps parcels in memory and sends signed pushes. Tests use it over loopback; `npm start` runs it as a
// simulator when no TRACK17_API_KEY is set.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CarrierStatus } from '../domain/carrierStatus';
import { CARRIERS } from './carriers';
import { signPush } from './track17Signature';
import { TRACK17_BATCH_LIMIT, TRACK17_CODES, type TrackEvent, type TrackInfo } from './track17Types';

interface FakeParcel {
  number: string;
  carrier: number;
  tag: string | null;
  tracking: boolean;
  retracked: boolean;
  carrierChanges: number;
  status: CarrierStatus;
  subStatus: string;
  events: TrackEvent[];
  providersHash: number;
}

/** A request the fake answered, for benchmarks and rate assertions. */
export interface FakeRequestLog {
  endpoint: string;
  items: number;
  status: number;
  at: number;
}

export interface Track17FakeOptions {
  apiKey: string;
  port?: number;
  /** Interface to listen on; loopback unless a container needs it reachable. */
  host?: string;
  /** Requests per second per key before 429 (17TRACK: 3). */
  ratePerSecond?: number;
  /** Where pushes go; none are sent without it. */
  webhookUrl?: string | undefined;
}

export interface Track17Fake {
  baseUrl: string;
  parcels: Map<string, FakeParcel>;
  requests: FakeRequestLog[];
  setWebhookUrl(url: string | undefined): void;
  /** The most requests that started within any one second since `since` (ms epoch). */
  peakRequestsPerSecond(since: number): number;
  /** Adds a carrier event to a parcel; pushes it unless `push` is false. Returns the push's HTTP status. */
  advance(
    number: string,
    status: CarrierStatus,
    options?: { subStatus?: string; description?: string; location?: string; at?: Date; push?: boolean },
  ): Promise<number | undefined>;
  /** Changes the requests per second allowed before 429 (benchmarks seed parcels fast, then measure at 3). */
  setRatePerSecond(perSecond: number): void;
  /** Makes the next `count` requests fail with `failure` (an HTTP status or a hang past the client's timeout). */
  failNext(count: number, failure: number | 'timeout'): void;
  /**
   * Registrations left on the account: each number registered takes one, and at 0 a new number is refused with
   * `-18019908` (quota exhausted), item by item or, with `refuse: 'request'`, as the whole request's error (17TRACK.md
   * does not say which it sends). `undefined` (the start) is a quota that never runs out.
   */
  setQuotaRemaining(remaining: number | undefined, refuse?: 'item' | 'request'): void;
  stop(): Promise<void>;
}

/** 17TRACK's carrier auto-detection, approximated from the number's shape. */
function detectCarrier(number: string): number | undefined {
  if (/^[A-Z]{2}\d{9}CN$/.test(number)) return 3011; // UPU S10 from China Post
  if (/^(LP|CN|CAINIAO)\w+$/.test(number)) return 190271;
  if (/^1Z[0-9A-Z]{16}$/.test(number)) return 100002;
  if (/^(94|93|92|95)\d{20}$/.test(number)) return 21051;
  if (/^YT\d{16}$/.test(number)) return 190012;
  if (/^\d{10}$/.test(number)) return 100001;
  if (/^\d{12}$|^\d{15}$/.test(number)) return 100003;
  return undefined;
}

/** The tracking number of a request item, upper-cased as 17TRACK stores it. */
function numberOf(item: Record<string, unknown>): string {
  return typeof item.number === 'string' ? item.number.toUpperCase() : '';
}

function toIso(at: Date): string {
  return at.toISOString().replace('.000Z', 'Z');
}

function trackInfo(parcel: FakeParcel): TrackInfo {
  const latest = parcel.events[0] ?? null;
  return {
    latest_status: { status: parcel.status, sub_status: parcel.subStatus, sub_status_descr: null },
    latest_event: latest,
    tracking: {
      providers_hash: parcel.providersHash,
      providers: [{ events_hash: parcel.providersHash, events: parcel.events }],
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Starts the fake on loopback. */
export async function startTrack17Fake(options: Track17FakeOptions): Promise<Track17Fake> {
  const parcels = new Map<string, FakeParcel>();
  const requests: FakeRequestLog[] = [];
  const recentStarts: number[] = [];
  let ratePerSecond = options.ratePerSecond ?? 3;
  let webhookUrl = options.webhookUrl;
  let failures: { count: number; failure: number | 'timeout' } = { count: 0, failure: 500 };
  let hashSeq = 1000;
  let quotaRemaining: number | undefined;
  let quotaRefusal: 'item' | 'request' = 'item';

  // Each batch endpoint answers item by item: an entry in `accepted`, or one in `rejected` with 17TRACK's code.
  type Outcome = { accepted: unknown } | { rejected: { number: string; error: { code: number; message: string } } };
  const accept = (answer: unknown): Outcome => ({ accepted: answer });
  const reject = (number: string, code: number, message: string): Outcome => ({
    rejected: { number, error: { code, message } },
  });
  const perItem =
    (decide: (item: Record<string, unknown>) => Outcome) =>
    (items: Record<string, unknown>[]): { accepted: unknown[]; rejected: unknown[] } => {
      const outcomes = items.map(decide);
      return {
        accepted: outcomes.flatMap((outcome) => ('accepted' in outcome ? [outcome.accepted] : [])),
        rejected: outcomes.flatMap((outcome) => ('rejected' in outcome ? [outcome.rejected] : [])),
      };
    };
  /** `decide` for a number registered before; any other number is rejected as not registered. */
  const perParcel = (decide: (parcel: FakeParcel, item: Record<string, unknown>) => Outcome) =>
    perItem((item) => {
      const parcel = parcels.get(numberOf(item));
      if (!parcel) return reject(numberOf(item), TRACK17_CODES.notRegistered, 'The tracking number is not registered.');
      return decide(parcel, item);
    });

  const handlers: Record<string, (items: Record<string, unknown>[]) => { accepted: unknown[]; rejected: unknown[] }> = {
    register: perItem((item) => {
      const number = numberOf(item);
      const given = typeof item.carrier === 'number' ? item.carrier : undefined;
      if (parcels.has(number))
        return reject(number, TRACK17_CODES.alreadyRegistered, 'The tracking number is already registered.');
      if (given !== undefined && !CARRIERS.some((c) => c.code === given))
        return reject(number, TRACK17_CODES.badCarrier, 'The carrier code is incorrect.');
      const carrier = given ?? (/^[A-Z0-9]{5,50}$/.test(number) ? detectCarrier(number) : undefined);
      if (carrier === undefined)
        return reject(number, TRACK17_CODES.carrierNotDetected, 'The carrier cannot be detected.');
      if (quotaRemaining === 0) return reject(number, TRACK17_CODES.quotaExhausted, 'The quota is exhausted.');
      if (quotaRemaining !== undefined) quotaRemaining -= 1;
      parcels.set(number, {
        number,
        carrier,
        tag: typeof item.tag === 'string' ? item.tag : null,
        tracking: true,
        retracked: false,
        carrierChanges: 0,
        status: 'NotFound',
        subStatus: 'NotFound_Other',
        events: [],
        providersHash: 0,
      });
      return accept({ origin: 1, number, carrier });
    }),
    gettrackinfo: perParcel((parcel) =>
      accept({
        number: parcel.number,
        carrier: parcel.carrier,
        tag: parcel.tag,
        param: null,
        track_info: trackInfo(parcel),
      }),
    ),
    stoptrack: perParcel((parcel) => {
      if (!parcel.tracking)
        return reject(parcel.number, TRACK17_CODES.stopOnlyWhileTracking, 'Only numbers being tracked can be stopped.');
      parcel.tracking = false;
      return accept({ number: parcel.number, carrier: parcel.carrier });
    }),
    retrack: perParcel((parcel) => {
      if (parcel.tracking)
        return reject(parcel.number, TRACK17_CODES.onlyStoppedRetrack, 'Only stopped numbers can be retracked.');
      if (parcel.retracked) return reject(parcel.number, TRACK17_CODES.retrackOnce, 'A number can be retracked once.');
      parcel.tracking = true;
      parcel.retracked = true;
      return accept({ number: parcel.number, carrier: parcel.carrier });
    }),
    changecarrier: perParcel((parcel, item) => {
      const carrierNew = Number(item.carrier_new);
      if (!CARRIERS.some((c) => c.code === carrierNew))
        return reject(parcel.number, TRACK17_CODES.badCarrier, 'The carrier code is incorrect.');
      if (parcel.carrierChanges >= 5)
        return reject(parcel.number, -18019911, 'The carrier can be changed 5 times at most.');
      parcel.carrier = carrierNew;
      parcel.carrierChanges += 1;
      return accept({ number: parcel.number, carrier: carrierNew });
    }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const endpoint = (req.url ?? '').split('?')[0]!.split('/').filter(Boolean).at(-1)?.toLowerCase() ?? '';
    const log = (status: number, items: number) => requests.push({ endpoint, items, status, at: Date.now() });
    const body = await readBody(req);
    if (req.method !== 'POST') return reply(res, 404, { code: 404 });
    if (req.headers['17token'] !== options.apiKey) {
      log(401, 0);
      return reply(res, 401, { code: 401, data: { errors: [{ code: 401, message: 'The security key is invalid.' }] } });
    }
    if (failures.count > 0) {
      failures.count -= 1;
      log(failures.failure === 'timeout' ? 0 : failures.failure, 0);
      if (failures.failure === 'timeout') return; // never answered: the client's timeout fires
      return reply(res, failures.failure, { code: failures.failure });
    }
    const now = Date.now();
    while (recentStarts.length > 0 && recentStarts[0]! <= now - 1000) recentStarts.shift();
    if (recentStarts.length >= ratePerSecond) {
      log(429, 0);
      return reply(res, 429, { code: 429, data: { errors: [{ code: 429, message: 'Too many requests.' }] } });
    }
    recentStarts.push(now);
    if (endpoint === 'getquota') {
      log(200, 0);
      const used = parcels.size;
      const remain = quotaRemaining ?? 100_000 - used;
      return reply(res, 200, {
        code: 0,
        data: { quota_total: used + remain, quota_used: used, quota_remain: remain },
      });
    }
    if (endpoint === 'register' && quotaRemaining === 0 && quotaRefusal === 'request') {
      log(200, 0);
      const error = { code: TRACK17_CODES.quotaExhausted, message: 'The quota is exhausted.' };
      return reply(res, 200, { code: TRACK17_CODES.quotaExhausted, data: { errors: [error] } });
    }
    const handler = handlers[endpoint];
    if (!handler) {
      log(404, 0);
      return reply(res, 404, { code: 404, data: { errors: [{ code: 404, message: 'Not found.' }] } });
    }
    let items: unknown;
    try {
      items = JSON.parse(body);
    } catch {
      items = undefined;
    }
    if (!Array.isArray(items)) {
      log(200, 0);
      return reply(res, 200, {
        code: -18010001,
        data: { errors: [{ code: -18010001, message: 'The request body is invalid.' }] },
      });
    }
    if (items.length > TRACK17_BATCH_LIMIT) {
      log(200, items.length);
      return reply(res, 200, {
        code: TRACK17_CODES.tooManyItems,
        data: {
          errors: [{ code: TRACK17_CODES.tooManyItems, message: 'The number of items exceeds the limit of 40.' }],
        },
      });
    }
    log(200, items.length);
    reply(res, 200, { code: 0, data: handler(items as Record<string, unknown>[]) });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, { code: 500, message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  async function push(parcel: FakeParcel, event: 'TRACKING_UPDATED' | 'TRACKING_STOPPED'): Promise<number | undefined> {
    if (!webhookUrl) return undefined;
    const raw = JSON.stringify({
      event,
      data: {
        number: parcel.number,
        carrier: parcel.carrier,
        tag: parcel.tag,
        param: null,
        ...(event === 'TRACKING_UPDATED' && { track_info: trackInfo(parcel) }),
      },
    });
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', sign: signPush(raw, options.apiKey) },
      body: raw,
    });
    return response.status;
  }

  return {
    baseUrl: `http://127.0.0.1:${port}/track/v2.2/`,
    parcels,
    requests,
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    peakRequestsPerSecond(since) {
      const times = requests
        .filter((r) => r.at >= since)
        .map((r) => r.at)
        .sort((a, b) => a - b);
      let peak = 0;
      for (let i = 0, j = 0; j < times.length; j += 1) {
        while (times[j]! - times[i]! >= 1000) i += 1;
        peak = Math.max(peak, j - i + 1);
      }
      return peak;
    },
    async advance(number, status, advanceOptions = {}) {
      const parcel = parcels.get(number);
      if (!parcel) throw new Error(`fake 17TRACK: ${number} is not registered`);
      const at = advanceOptions.at ?? new Date();
      const subStatus = advanceOptions.subStatus ?? `${status}_Other`;
      parcel.status = status;
      parcel.subStatus = subStatus;
      parcel.events.unshift({
        time_iso: toIso(at),
        time_utc: toIso(at),
        description: advanceOptions.description ?? status,
        location: advanceOptions.location ?? null,
        stage: status,
        sub_status: subStatus,
      });
      parcel.providersHash = hashSeq += 1;
      return advanceOptions.push === false ? undefined : push(parcel, 'TRACKING_UPDATED');
    },
    setRatePerSecond(perSecond) {
      ratePerSecond = perSecond;
    },
    setQuotaRemaining(remaining, refuse = 'item') {
      quotaRemaining = remaining;
      quotaRefusal = refuse;
    },
    failNext(count, failure) {
      failures = { count, failure };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

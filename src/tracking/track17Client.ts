// A small typed client of the 17TRACK API (no npm client exists). It batches at 40 items, shares one rate
// limiter per API key, retries 429 / 5xx / network errors with backoff, and returns per-item rejections
// as data. A caller that stops waiting can abort a call, retries included. It knows nothing of Temporal; the
// activities turn its errors into typed failures.
import { type RateLimiter, limiterForKey } from './rateLimiter';
import {
  type ChangeCarrierItem,
  type NumberItem,
  type Quota,
  type RegisterAccepted,
  type RegisterItem,
  TRACK17_BATCH_LIMIT,
  type Track17Envelope,
  type Track17Rejected,
  type TrackInfoAccepted,
} from './track17Types';

/** Accepted and rejected items of a (possibly batched) call. */
export interface Track17Result<Accepted> {
  accepted: Accepted[];
  rejected: Track17Rejected[];
}

/** The API refused the whole request (bad key, quota, 4xx) or kept failing after retries. */
export class Track17RequestError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: number | undefined,
  ) {
    super(message);
    this.name = 'Track17RequestError';
  }
}

export interface Track17ClientOptions {
  baseUrl: string;
  apiKey: string;
  limiter?: RateLimiter;
  maxAttempts?: number;
  /** Backoff before retry n (1-based), in ms. */
  backoffMs?: (attempt: number, retryAfterSeconds: number | undefined) => number;
  timeoutMs?: number;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

function defaultBackoff(attempt: number, retryAfterSeconds: number | undefined): number {
  if (retryAfterSeconds !== undefined) return retryAfterSeconds * 1000;
  return Math.min(500 * 2 ** (attempt - 1), 10_000) * (0.5 + Math.random() / 2);
}

/** How one call may be cut short: once `signal` aborts, it makes no further request and fails. */
export interface Track17CallOptions {
  signal?: AbortSignal | undefined;
  /** Each request's own timeout, for a call that must answer sooner than the client's (e.g. a vendor's). */
  requestTimeoutMs?: number | undefined;
}

/** The 17TRACK API calls the service uses. */
export interface Track17Client {
  register(items: RegisterItem[], options?: Track17CallOptions): Promise<Track17Result<RegisterAccepted>>;
  getTrackInfo(items: NumberItem[], options?: Track17CallOptions): Promise<Track17Result<TrackInfoAccepted>>;
  stopTrack(items: NumberItem[], options?: Track17CallOptions): Promise<Track17Result<NumberItem>>;
  retrack(items: NumberItem[], options?: Track17CallOptions): Promise<Track17Result<NumberItem>>;
  changeCarrier(items: ChangeCarrierItem[], options?: Track17CallOptions): Promise<Track17Result<NumberItem>>;
  getQuota(): Promise<Quota>;
}

/** Waits `ms`, or less if `signal` aborts first. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A client for the API at `baseUrl` (e.g. https://api.17track.net/track/v2.2/). */
export function createTrack17Client(options: Track17ClientOptions): Track17Client {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const limiter = options.limiter ?? limiterForKey(options.apiKey);
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoffMs ?? defaultBackoff;

  async function post<Accepted>(
    endpoint: string,
    body: unknown,
    { signal, requestTimeoutMs }: Track17CallOptions = {},
  ): Promise<Track17Envelope<Accepted>> {
    let lastError: Track17RequestError | undefined;
    const givenUp = () => new Track17RequestError(`17TRACK ${endpoint} given up by its caller`, undefined, undefined);
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      if (signal?.aborted) throw givenUp();
      await limiter.take();
      if (signal?.aborted) throw givenUp(); // the wait for the limiter can outlast the caller's
      let retryAfter: number | undefined;
      try {
        const timeout = AbortSignal.timeout(requestTimeoutMs ?? options.timeoutMs ?? 15_000);
        const response = await fetch(`${base}${endpoint}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', '17token': options.apiKey },
          body: JSON.stringify(body),
          signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
        });
        if (response.ok) {
          const envelope = (await response.json()) as Track17Envelope<Accepted>;
          if (envelope.code !== 0) {
            const first = envelope.data?.errors?.[0];
            throw new Track17RequestError(first?.message ?? `17TRACK error ${envelope.code}`, 200, envelope.code);
          }
          return envelope;
        }
        lastError = new Track17RequestError(
          `17TRACK ${endpoint} answered HTTP ${response.status}`,
          response.status,
          undefined,
        );
        if (!RETRYABLE_STATUS.has(response.status)) throw lastError;
        const header = response.headers.get('retry-after');
        retryAfter = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
      } catch (error) {
        if (signal?.aborted) throw givenUp();
        if (error instanceof Track17RequestError && !RETRYABLE_STATUS.has(error.status ?? 0)) throw error;
        if (!(error instanceof Track17RequestError)) {
          lastError = new Track17RequestError(
            `17TRACK ${endpoint} unreachable: ${(error as Error).message}`,
            undefined,
            undefined,
          );
        }
      }
      if (attempt < maxAttempts) await pause(backoff(attempt, retryAfter), signal);
    }
    throw lastError ?? new Track17RequestError(`17TRACK ${endpoint} failed`, undefined, undefined);
  }

  async function batched<Item, Accepted>(
    endpoint: string,
    items: Item[],
    callOptions: Track17CallOptions = {},
  ): Promise<Track17Result<Accepted>> {
    const result: Track17Result<Accepted> = { accepted: [], rejected: [] };
    for (let start = 0; start < items.length; start += TRACK17_BATCH_LIMIT) {
      const envelope = await post<Accepted>(endpoint, items.slice(start, start + TRACK17_BATCH_LIMIT), callOptions);
      result.accepted.push(...(envelope.data.accepted ?? []));
      result.rejected.push(...(envelope.data.rejected ?? []));
    }
    return result;
  }

  return {
    register: (items, callOptions) => batched('register', items, callOptions),
    getTrackInfo: (items, callOptions) => batched('gettrackinfo', items, callOptions),
    stopTrack: (items, callOptions) => batched('stoptrack', items, callOptions),
    retrack: (items, callOptions) => batched('retrack', items, callOptions),
    changeCarrier: (items, callOptions) => batched('changecarrier', items, callOptions),
    async getQuota() {
      const envelope = await post<never>('getquota', []);
      return envelope.data as unknown as Quota;
    },
  };
}

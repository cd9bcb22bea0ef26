// How the API connects to Temporal. Its callers wait on an HTTP answer (a storefront's intake, a vendor at the
// dashboard, 17TRACK's push), so it gives up on an unreachable Temporal in seconds, where the client's default
// retries wait about 20 s: a vendor action then answered 503 ACTION_NOT_CONFIRMED after 22 s.
import { type ConnectionOptions, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/**
 * Attempts per call while Temporal refuses connections: with the client's backoff (0.17 s growing by 1.7×) the
 * last fails about 3 s after the first, long enough to ride out a frontend restart. Each call also has its own
 * deadline for a Temporal that takes the connection and never answers (src/temporal/withinDeadline.ts).
 */
export const API_TEMPORAL_ATTEMPTS = 6;

export function apiConnectionOptions(address: string): ConnectionOptions {
  return {
    address,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: API_TEMPORAL_ATTEMPTS }))],
  };
}

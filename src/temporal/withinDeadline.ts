// A bound on how long a request waits for Temporal. A Temporal that refuses connections is given up on after the
// API's attempts (src/temporal/apiConnection.ts); one that takes the connection and never answers (hung, or a
// network dropping packets) holds a call with no deadline for ever, and a caller waiting on an HTTP answer (a
// storefront, 17TRACK's push) should hear "retry later" well before its own timeout.
import type { Client } from '@temporalio/client';

/**
 * How long a request that hands work to Temporal (an order's workflow start, a carrier update's signal) waits
 * for it. Each takes milliseconds when Temporal is up, even under load; past this, Temporal is treated as down.
 */
export const TEMPORAL_HANDOFF_MS = 5_000;

/** Runs `call`'s Temporal requests under a deadline `ms` from now; past it they fail with DEADLINE_EXCEEDED. */
export function withinDeadline<T>(temporal: Client, ms: number, call: () => Promise<T>): Promise<T> {
  return temporal.connection.withDeadline(Date.now() + ms, call);
}

// A bound on how long a request waits for Temporal. The client retries an unreachable server for about 20 s
// before it gives up, and a caller waiting on an HTTP answer (a storefront, 17TRACK's push) should hear "retry
// later" well before its own timeout, not after ours.
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

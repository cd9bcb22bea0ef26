// How the order workflow refuses an action: typed, non-retryable failures the API maps to 409 / 422.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { OrderStatus } from '../src/domain/orderStatus';

/** The action is not possible in the order's current status (the API's 409 INVALID_STATE). */
export function invalidState(action: string, status: OrderStatus): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'INVALID_STATE',
    message: `Cannot ${action} while the order is ${status}`,
    details: [{ status, action }],
    nonRetryable: true,
  });
}

/** An activity's typed failure (e.g. TRACKING_REJECTED) as the update's own failure, so the API can map it. */
export function asActionFailure(err: unknown): unknown {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
    // The cause's own retryability is spent by now: the update itself is answered, never retried.
    const cause = err.cause;
    return ApplicationFailure.create({
      type: cause.type ?? 'ACTION_FAILED',
      message: cause.message,
      details: cause.details ?? [],
      nonRetryable: true,
    });
  }
  return err;
}

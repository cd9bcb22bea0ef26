// Run by the `tracking-refresh` Schedule: one refresh of every parcel that is due (see the activity).
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { RefreshStaleTrackingInput, RefreshStaleTrackingResult } from '../activities/trackingRefresh';

const { refreshStaleTracking } = proxyActivities<ReturnType<typeof createActivities>>({
  // 100,000 parcels at 40 per request and 3 requests/s take about 14 minutes.
  startToCloseTimeout: '30m',
  heartbeatTimeout: '2m',
  retry: { initialInterval: '10s', maximumInterval: '5m', maximumAttempts: 5 },
});

/** One fallback refresh of stale in-transit parcels. */
export async function trackingRefreshWorkflow(input: RefreshStaleTrackingInput): Promise<RefreshStaleTrackingResult> {
  return refreshStaleTracking(input);
}

// The Temporal Schedule behind fallback polling: ops see it (and can pause or trigger it) in the Web UI.
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

/** The schedule id for a task queue (one schedule per deployment). */
export function trackingScheduleId(taskQueue: string): string {
  return `tracking-refresh-${taskQueue}`;
}

/**
 * Creates (or updates) the schedule that refreshes parcels not checked for `pollIntervalMs`. It runs six
 * times per interval (at most every 15 minutes), so each run takes a slice of the parcels, not all of them.
 */
export async function ensureTrackingSchedule(client: Client, taskQueue: string, pollIntervalMs: number): Promise<void> {
  const everyMs = Math.min(Math.max(Math.round(pollIntervalMs / 6), 1000), 15 * 60_000);
  const scheduleId = trackingScheduleId(taskQueue);
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'trackingRefreshWorkflow',
    taskQueue,
    args: [{ olderThanMs: pollIntervalMs, maxParcels: 200_000 }],
  };
  const spec = { intervals: [{ every: everyMs }] };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP } });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}

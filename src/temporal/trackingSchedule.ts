// The Temporal Schedule behind fallback polling: ops see it (and can pause or trigger it) in the Web UI.
import type { Client } from '@temporalio/client';
import { ensureSchedule } from './ensureSchedule';

/** The schedule id for a task queue (one schedule per deployment). */
export function trackingScheduleId(taskQueue: string): string {
  return `tracking-refresh-${taskQueue}`;
}

/**
 * Creates (or updates) the schedule that refreshes parcels not checked for `pollIntervalMs`. It runs six
 * times per interval (at most every 15 minutes), so each run takes a slice of the parcels, not all of them.
 */
export async function ensureTrackingSchedule(client: Client, taskQueue: string, pollIntervalMs: number): Promise<void> {
  await ensureSchedule(client, {
    scheduleId: trackingScheduleId(taskQueue),
    workflowType: 'trackingRefreshWorkflow',
    taskQueue,
    args: [{ olderThanMs: pollIntervalMs, maxParcels: 200_000 }],
    everyMs: Math.min(Math.max(Math.round(pollIntervalMs / 6), 1000), 15 * 60_000),
  });
}

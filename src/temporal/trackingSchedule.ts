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

/** How long a number 17TRACK could not take at entry waits for the run that registers it (with any others). */
export const LATE_REGISTRATION_DELAY_MS = 30_000;

/**
 * Starts one run of the tracking refresh in 30 s that registers the numbers left for later and polls nothing. When
 * vendors enter numbers faster than the account's 3 requests/s, the entries that queue past the wait are left for
 * later; this run takes them 40 a request within a minute, instead of at the Schedule's next run (up to 15
 * minutes). One such run at a time (its fixed id): a number left for later while one is pending goes with it, and
 * during an outage the run finds 17TRACK still down and the Schedule tries again.
 */
export async function startLateRegistrationRun(client: Client, taskQueue: string): Promise<void> {
  await client.workflow.start('trackingRefreshWorkflow', {
    taskQueue,
    workflowId: `tracking-late-registrations-${taskQueue}`,
    workflowIdConflictPolicy: 'USE_EXISTING',
    startDelay: LATE_REGISTRATION_DELAY_MS,
    args: [{ olderThanMs: 0, maxParcels: 0 }],
  });
}

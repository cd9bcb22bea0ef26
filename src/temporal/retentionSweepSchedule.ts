// The Temporal Schedule behind the retention sweep (activities/retentionSweep.ts): ops see it, and can pause or
// trigger it, in the Web UI beside the other Schedules.
import type { Client } from '@temporalio/client';
import { KEY_TTL_MS } from '../http/idempotency';
import { ensureSchedule } from './ensureSchedule';

/** Hourly: a record outlives its time by an hour at most, and a run with nothing to delete is two indexed queries. */
export const RETENTION_SWEEP_EVERY_MS = 60 * 60_000;
/**
 * A push receipt only refuses a re-sent copy of its push, and an old copy taken again changes nothing (the order
 * merges carrier states forward only, and an ended order takes none); 17TRACK stops tracking a number after 30 days
 * without an event. So 30 days.
 */
const WEBHOOK_RECEIPT_TTL_MS = 30 * 24 * 60 * 60_000;

/** The schedule id for a task queue (one schedule per deployment). */
export function retentionSweepScheduleId(taskQueue: string): string {
  return `retention-sweep-${taskQueue}`;
}

/** Creates (or updates) the schedule that deletes the records whose time is up. */
export async function ensureRetentionSweepSchedule(client: Client, taskQueue: string): Promise<void> {
  await ensureSchedule(client, {
    scheduleId: retentionSweepScheduleId(taskQueue),
    workflowType: 'retentionSweepWorkflow',
    taskQueue,
    args: [{ idempotencyKeyTtlMs: KEY_TTL_MS, webhookReceiptTtlMs: WEBHOOK_RECEIPT_TTL_MS, batchSize: 5_000 }],
    everyMs: RETENTION_SWEEP_EVERY_MS,
  });
}

// The Temporal Schedule behind the intake repair (activities/intakeRepair.ts): ops see it, and can pause or
// trigger it, in the Web UI beside the tracking refresh.
import type { Client } from '@temporalio/client';
import { ensureSchedule } from './ensureSchedule';

/**
 * How often it runs: every run is a workflow in the Web UI's list, and a start left pending is rare (a crash or a
 * Temporal outage during an intake), so every 5 minutes. It takes pending starts older than a minute; an
 * intake finishes its own start in milliseconds.
 */
export const INTAKE_REPAIR_EVERY_MS = 5 * 60_000;
const PENDING_FOR_MS = 60_000;

/** The schedule id for a task queue (one schedule per deployment). */
export function intakeRepairScheduleId(taskQueue: string): string {
  return `order-intake-repair-${taskQueue}`;
}

/** Creates (or updates) the schedule that starts the workflows intake left pending. */
export async function ensureIntakeRepairSchedule(client: Client, taskQueue: string): Promise<void> {
  await ensureSchedule(client, {
    scheduleId: intakeRepairScheduleId(taskQueue),
    workflowType: 'intakeRepairWorkflow',
    taskQueue,
    args: [{ olderThanMs: PENDING_FOR_MS, maxOrders: 1_000 }],
    everyMs: INTAKE_REPAIR_EVERY_MS,
  });
}

// The Temporal Schedule behind the outbox relay (activities/outboxRelay.ts): ops see it, and can pause or trigger
// it, in the Web UI beside the tracking refresh and the intake repair.
import type { Client } from '@temporalio/client';
import { OUTBOX_RELAY_GIVE_UP_AFTER_MS } from '../db/sql/deferredEmails';
import { ensureSchedule } from './ensureSchedule';

/**
 * Every minute: a deferred email waits at most about that long once SMTP is back, and a run with nothing to send
 * is one indexed query. Emails wait 30 s after their last failure. Those asked for more than a week ago stay
 * PENDING for ops: a week covers an SMTP account suspended over a long weekend, and an email its order has moved on
 * past is not sent however recent (src/mail/outdatedEmail.ts), so a customer's tracking email still goes days late.
 */
export const OUTBOX_RELAY_EVERY_MS = 60_000;
const RETRY_AFTER_MS = 30_000;

/** The schedule id for a task queue (one schedule per deployment). */
export function outboxRelayScheduleId(taskQueue: string): string {
  return `outbox-relay-${taskQueue}`;
}

/** Creates (or updates) the schedule that sends the emails the SMTP server failed. */
export async function ensureOutboxRelaySchedule(client: Client, taskQueue: string): Promise<void> {
  await ensureSchedule(client, {
    scheduleId: outboxRelayScheduleId(taskQueue),
    workflowType: 'outboxRelayWorkflow',
    taskQueue,
    args: [{ olderThanMs: RETRY_AFTER_MS, giveUpAfterMs: OUTBOX_RELAY_GIVE_UP_AFTER_MS, maxEmails: 500 }],
    everyMs: OUTBOX_RELAY_EVERY_MS,
  });
}

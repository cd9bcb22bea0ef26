// The Temporal Schedule behind the storefront webhooks (activities/storefrontWebhooks.ts): each run relays the
// change feed for most of a minute, polling every second, so an event reaches the storefront within about a second
// and ops see one run a minute in the Web UI beside the other Schedules, with what it delivered.
import { type Client, ScheduleNotFoundError } from '@temporalio/client';
import type { RelayToStorefrontInput } from '../../activities/storefrontWebhooks';
import { ensureSchedule } from './ensureSchedule';

const EVERY_MS = 60_000;

export const STOREFRONT_RELAY: RelayToStorefrontInput = {
  relay: 'storefront-webhook',
  runForMs: 55_000, // ends before the next run is due, so runs are not skipped as overlapping
  pollEveryMs: 1_000,
  batchSize: 100,
  maxBackoffMs: 30_000,
};

/** The schedule id for a task queue (one schedule per deployment). */
export function storefrontWebhookScheduleId(taskQueue: string): string {
  return `storefront-webhooks-${taskQueue}`;
}

/**
 * Creates (or updates) the schedule when STOREFRONT_WEBHOOK_URL is set, and deletes it when it is not, so a
 * deployment that turns webhooks off is not left with a run a minute that relays nothing.
 */
export async function syncStorefrontWebhookSchedule(
  client: Client,
  taskQueue: string,
  enabled: boolean,
): Promise<void> {
  const scheduleId = storefrontWebhookScheduleId(taskQueue);
  if (enabled) {
    await ensureSchedule(client, {
      scheduleId,
      workflowType: 'storefrontWebhookWorkflow',
      taskQueue,
      args: [STOREFRONT_RELAY],
      everyMs: EVERY_MS,
    });
    return;
  }
  await client.schedule
    .getHandle(scheduleId)
    .delete()
    .catch((error: unknown) => {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    });
}

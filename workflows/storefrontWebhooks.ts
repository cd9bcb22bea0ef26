// Run by the `storefront-webhooks` Schedule: one stretch of relaying the change feed to the storefront.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { RelayToStorefrontInput, RelayToStorefrontResult } from '../activities/storefrontWebhooks';

/** Relays the change feed to STOREFRONT_WEBHOOK_URL for `input.runForMs` (see activities/storefrontWebhooks.ts). */
export async function storefrontWebhookWorkflow(input: RelayToStorefrontInput): Promise<RelayToStorefrontResult> {
  const { relayToStorefront } = proxyActivities<ReturnType<typeof createActivities>>({
    startToCloseTimeout: input.runForMs + 2 * 60_000,
    // Longer than the relay's longest pause plus a post's timeout: it heartbeats between them.
    heartbeatTimeout: input.maxBackoffMs + 30_000,
    retry: { initialInterval: '5s', maximumInterval: '30s', maximumAttempts: 3 },
  });
  return relayToStorefront(input);
}

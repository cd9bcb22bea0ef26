// Run by the `outbox-relay` Schedule: one pass over the emails the SMTP server failed.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { OutboxRelayResult, RelayDeferredEmailsInput } from '../activities/outboxRelay';

const { relayDeferredEmails } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '10s', maximumInterval: '2m', maximumAttempts: 5 },
});

/** Sends the emails the SMTP server failed, now that it may answer again (see activities/outboxRelay.ts). */
export async function outboxRelayWorkflow(input: RelayDeferredEmailsInput): Promise<OutboxRelayResult> {
  return relayDeferredEmails(input);
}

// Run by the `retention-sweep` Schedule: one pass over the records whose time is up.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { RetentionSweepResult, SweepExpiredRecordsInput } from '../activities/retentionSweep';

const { sweepExpiredRecords } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30m',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '10s', maximumInterval: '5m', maximumAttempts: 5 },
});

/** Deletes the idempotency records and 17TRACK push receipts whose time is up (see activities/retentionSweep.ts). */
export async function retentionSweepWorkflow(input: SweepExpiredRecordsInput): Promise<RetentionSweepResult> {
  return sweepExpiredRecords(input);
}

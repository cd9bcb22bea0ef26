// Run by the `order-intake-repair` Schedule: one pass over the orders whose workflow start is still pending.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { IntakeRepairResult, StartPendingOrderWorkflowsInput } from '../activities/intakeRepair';

const { startPendingOrderWorkflows } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '10s', maximumInterval: '2m', maximumAttempts: 5 },
});

/** Starts the workflows intake left pending (see activities/intakeRepair.ts). */
export async function intakeRepairWorkflow(input: StartPendingOrderWorkflowsInput): Promise<IntakeRepairResult> {
  return startPendingOrderWorkflows(input);
}

// One run of a Schedule's workflow, started on the test stack's queue as its Schedule would start it, however
// recent the work it finds: what the tests of the intake repair, the outbox relay and the retention sweep assert on.
import { randomUUID } from 'node:crypto';
import type { IntakeRepairResult } from '../../activities/intakeRepair';
import type { OutboxRelayResult } from '../../activities/outboxRelay';
import type { RetentionSweepResult, SweepExpiredRecordsInput } from '../../activities/retentionSweep';
import { OUTBOX_RELAY_GIVE_UP_AFTER_MS } from '../../src/db/sql/deferredEmails';
import type { TestStack } from './testStack';

function runScheduleWorkflow<Result>(stack: TestStack, workflowType: string, input: unknown): Promise<Result> {
  return stack.client.workflow.execute(workflowType, {
    taskQueue: stack.taskQueue,
    workflowId: `${workflowType}-test-${randomUUID()}`,
    args: [input],
  }) as Promise<Result>;
}

/** The intake repair, taking every pending start however recent. */
export function runIntakeRepair(stack: TestStack): Promise<IntakeRepairResult> {
  return runScheduleWorkflow(stack, 'intakeRepairWorkflow', { olderThanMs: 0, maxOrders: 1_000 });
}

/** The outbox relay, taking every deferred email however recent, and giving up as its Schedule does. */
export function runOutboxRelay(stack: TestStack): Promise<OutboxRelayResult> {
  return runScheduleWorkflow(stack, 'outboxRelayWorkflow', {
    olderThanMs: 0,
    giveUpAfterMs: OUTBOX_RELAY_GIVE_UP_AFTER_MS,
    maxEmails: 100,
  });
}

/** The retention sweep with `input`'s lifetimes. */
export function runRetentionSweep(stack: TestStack, input: SweepExpiredRecordsInput): Promise<RetentionSweepResult> {
  return runScheduleWorkflow(stack, 'retentionSweepWorkflow', input);
}

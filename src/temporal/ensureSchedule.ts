// Creating a deployment's Schedule on every worker start: the first start creates it, later ones bring its
// interval and workflow argument up to date, and overlapping runs are skipped.
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

export interface WorkflowSchedule {
  scheduleId: string;
  /** The workflow each run starts, on `taskQueue`, with `args`. */
  workflowType: string;
  taskQueue: string;
  args: unknown[];
  everyMs: number;
}

export async function ensureSchedule(client: Client, schedule: WorkflowSchedule): Promise<void> {
  const { scheduleId, workflowType, taskQueue, args, everyMs } = schedule;
  const action = { type: 'startWorkflow' as const, workflowType, taskQueue, args };
  const spec = { intervals: [{ every: everyMs }] };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP } });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}

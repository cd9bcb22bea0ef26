// Creating a deployment's Schedule on every worker start: the first start creates it, later ones bring its
// spec and action up to date (a changed interval, a new workflow argument), and overlapping runs are skipped.
import {
  type Client,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleSpec,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';

export async function ensureSchedule(
  client: Client,
  scheduleId: string,
  spec: ScheduleSpec,
  action: ScheduleOptionsStartWorkflowAction<Workflow>,
): Promise<void> {
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP } });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}

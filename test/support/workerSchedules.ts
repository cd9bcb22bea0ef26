// The Schedules a started worker creates for its task queue (src/main/service.ts), deleted after a test that
// starts one on a queue of its own, so they do not run on in the shared Temporal server with no worker.
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { intakeRepairScheduleId } from '../../src/temporal/intakeRepairSchedule';
import { outboxRelayScheduleId } from '../../src/temporal/outboxRelaySchedule';
import { retentionSweepScheduleId } from '../../src/temporal/retentionSweepSchedule';
import { storefrontWebhookScheduleId } from '../../src/temporal/storefrontWebhookSchedule';
import { trackingScheduleId } from '../../src/temporal/trackingSchedule';

export async function deleteWorkerSchedules(temporalAddress: string, taskQueue: string): Promise<void> {
  const temporal = new Client({ connection: await Connection.connect({ address: temporalAddress }) });
  for (const id of [
    trackingScheduleId,
    intakeRepairScheduleId,
    outboxRelayScheduleId,
    retentionSweepScheduleId,
    storefrontWebhookScheduleId,
  ]) {
    // A worker that failed to start made none: the test's own failure is the one to report.
    await temporal.schedule
      .getHandle(id(taskQueue))
      .delete()
      .catch((error: unknown) => {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      });
  }
  await temporal.connection.close();
}

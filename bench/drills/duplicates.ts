// Drill 6: 50 concurrent POST /v1/orders with the same externalId: one order, one workflow, one email.
import { dropshipOrderBody } from '../../test/support/fixtures';
import { orderWorkflowId } from '../../workflows/messages';
import { sleep } from '../harness';
import { type DrillRun, type Vendor } from './drillKit';

export async function drillDuplicates(run: DrillRun, vendor: Vendor): Promise<void> {
  const { h, record } = run;
  const body = dropshipOrderBody(vendor.id);
  const responses = await Promise.all(Array.from({ length: 50 }, () => h.platform.post('/v1/orders', body)));
  const ids = new Set(responses.map((r) => r.body?.order?.id));
  const runs: string[] = [];
  for await (const execution of h.client.workflow.list({
    query: `WorkflowId = '${orderWorkflowId([...ids][0] as string)}'`,
  }))
    runs.push(execution.runId);
  await sleep(3000);
  const emails = h.mail.messages.filter((m) => m.subject.includes(body.externalId)).length;
  record(
    '6. 50 concurrent duplicate POST /v1/orders',
    ids.size === 1 && runs.length === 1 && emails === 1,
    `${ids.size} order, ${runs.length} workflow run, ${emails} email; statuses ${[...new Set(responses.map((r) => r.status))].join('/')}`,
  );
}

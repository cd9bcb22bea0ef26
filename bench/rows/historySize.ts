// Row 4: the history of one full lifecycle (carrier-delivered, the reminder ladder not reached).
import { exportHistoryJson } from '../../src/temporal/historyExport';
import { newTrackingNumber, supplierOrderBody } from '../../test/support/fixtures';
import { orderWorkflowId } from '../../workflows/messages';
import type { BenchContext } from '../benchContext';

/** 4. Events and bytes of one order from intake to COMPLETED. */
export async function historySizeRow(context: BenchContext): Promise<void> {
  const { vendor, harness, client } = context;
  const lifecycleId = await context.createOrder();
  await vendor.post(`/v1/orders/${lifecycleId}/supplier-order`, supplierOrderBody());
  const number = newTrackingNumber();
  await vendor.post(`/v1/orders/${lifecycleId}/tracking`, { trackingNumber: number });
  for (const status of ['InfoReceived', 'InTransit', 'OutForDelivery', 'Delivered'] as const)
    await harness.fake.advance(number, status);
  const handle = client.workflow.getHandle(orderWorkflowId(lifecycleId));
  await handle.result();
  const history = await handle.fetchHistory();
  const json = exportHistoryJson(harness.infra.temporalAddress, handle.workflowId);
  context.row(
    '4. history of one full lifecycle',
    `${history.events?.length} events, ${(json.length / 1024).toFixed(0)} KiB JSON`,
    '',
    'goal < 200 events',
  );
}

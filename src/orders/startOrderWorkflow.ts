// Starting an order's workflow: from intake, from a repeated intake, and from the intake repair. Safe to call any
// number of times: one workflow per order, and the order's pending start is confirmed once Temporal has it.
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { confirmWorkflowStart } from '../db/sql/pendingWorkflowStarts';
import type { Queryable } from '../db/sql/sqlTemplate';
import type { Address } from '../domain/address';
import { formatMoney } from '../domain/formatMoney';
import type { OrderPolicy } from '../domain/orderPolicy';
import { TEMPORAL_HANDOFF_MS, withinDeadline } from '../temporal/withinDeadline';
import { ORDER_STATUS, SLA_BREACHED, SUPPLIER, VENDOR_ID } from '../temporal/searchAttributes';
import { type OrderWorkflowInput, type SupplierName, orderWorkflowId } from '../../workflows/messages';
import type { OrderRow } from './orderView';

export interface OrderStartDeps {
  /** The pool Prisma runs on, for the pending start (src/db/sql). */
  pool: Queryable;
  temporal: Client;
  taskQueue: string;
  policy: OrderPolicy;
}

function workflowInput(row: OrderRow, policy: OrderPolicy): OrderWorkflowInput {
  const suppliers = [...new Set(row.items.flatMap((item) => (item.supplier ? [item.supplier] : [])))] as SupplierName[];
  return {
    orderId: row.id,
    vendorId: row.vendorId,
    dropship: row.dropship,
    suppliers,
    customerAddress: row.shippingAddress as unknown as Address,
    sale: { amount: row.saleAmount, currency: row.currency },
    supplierCost: row.supplierCost,
    createdAt: row.createdAt.toISOString(),
    policy,
  };
}

/**
 * Starts the order's workflow unless it already runs or ran, then confirms its pending start. Waits for Temporal
 * at most TEMPORAL_HANDOFF_MS: an unconfirmed start stays pending for a retry or the intake repair.
 */
export async function startOrderWorkflow(deps: OrderStartDeps, row: OrderRow): Promise<void> {
  const input = workflowInput(row, deps.policy);
  const address = input.customerAddress;
  const start = () =>
    deps.temporal.workflow.start('orderWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: orderWorkflowId(row.id),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: ORDER_STATUS, value: row.status },
        { key: VENDOR_ID, value: row.vendorId },
        { key: SUPPLIER, value: input.suppliers },
        { key: SLA_BREACHED, value: false },
      ],
      memo: {
        externalId: row.externalId,
        customerCity: `${address.city}, ${address.country}`,
        amount: formatMoney(input.sale),
      },
      staticSummary: `Order ${row.externalId} · ${formatMoney(input.sale)} · ${address.city}, ${address.country}`,
    });
  try {
    await withinDeadline(deps.temporal, TEMPORAL_HANDOFF_MS, start);
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error; // it ran and closed: nothing to do
  }
  await confirmWorkflowStart(deps.pool, row.id);
}

// Vendor and platform actions on an order: a Temporal Update the workflow validates synchronously; the
// answer comes once the workflow has accepted and recorded the change.
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Queryable } from '../db/sql/sqlTemplate';
import { FINAL_STATUSES } from '../domain/orderStatus';
import type { Caller } from '../http/auth';
import { HttpError } from '../http/httpError';
import { type OrderActionResult, orderWorkflowId } from '../../workflows/messages';
import { findOrderFor, findOrderStatusFor } from './orderReads';
import type { OrderRow } from './orderView';

export interface OrderActionDeps {
  /** For the order reads before and after the update (src/db/sql). */
  pool: Queryable;
  temporal: Client;
}

/**
 * Runs `update` on the caller's order and returns the order as recorded afterwards. The checks come in a
 * fixed order: an order the caller may not see is 404, then `inputFor` checks the role (403) and parses the
 * body (422), then an ended order is 409, then the workflow's validator decides.
 */
export async function runOrderAction<Input>(
  deps: OrderActionDeps,
  caller: Caller,
  orderId: string,
  update: UpdateDefinition<OrderActionResult, [Input]>,
  inputFor: (caller: Caller) => Input,
): Promise<OrderRow> {
  const before = await findOrderStatusFor(deps.pool, caller, orderId);
  const input = inputFor(caller);
  if (FINAL_STATUSES.includes(before.status)) {
    // The workflow has ended; answer as the validator would have, without asking Temporal.
    throw new HttpError(409, 'INVALID_STATE', `The order is ${before.status}; no further action is possible`, {
      status: before.status,
    });
  }
  try {
    await deps.temporal.workflow.getHandle(orderWorkflowId(orderId)).executeUpdate(update, { args: [input] });
  } catch (error) {
    // The order's row is there but its workflow is not: intake could not start it (Temporal was down), and the
    // intake repair starts it within a few minutes (activities/intakeRepair.ts).
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    throw new HttpError(503, 'ORDER_STARTING', 'The order is still being set up; retry in a few minutes', {
      orderId,
    });
  }
  return findOrderFor(deps.pool, caller, orderId);
}

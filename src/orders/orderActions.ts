// Vendor and platform actions on an order: a Temporal Update the workflow validates synchronously; the
// answer comes once the workflow has accepted and recorded the change.
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Queryable } from '../db/sql/sqlTemplate';
import { FINAL_STATUSES } from '../domain/orderStatus';
import type { Caller } from '../http/auth';
import { HttpError } from '../http/httpError';
import { isDeadlineExceeded } from '../infrastructureDown';
import { type OrderActionResult, orderWorkflowId } from '../../workflows/messages';
import { findOrderFor, findOrderStatusFor } from './orderReads';
import type { OrderRow } from './orderView';

export interface OrderActionDeps {
  /** For the order reads before and after the update (src/db/sql). */
  pool: Queryable;
  temporal: Client;
  /** How long an action waits for the workflow to confirm it; ACTION_WAIT_MS unless a test says otherwise. */
  actionWaitMs?: number | undefined;
}

/**
 * An action normally takes tens of milliseconds. With no worker running, Temporal holds the update until one
 * comes back, and the vendor's request would hang with it; after this long the vendor gets an answer instead.
 */
export const ACTION_WAIT_MS = 15_000;

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
  const waitMs = deps.actionWaitMs ?? ACTION_WAIT_MS;
  try {
    await deps.temporal.connection.withDeadline(Date.now() + waitMs, () =>
      deps.temporal.workflow.getHandle(orderWorkflowId(orderId)).executeUpdate(update, { args: [input] }),
    );
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      // The order's row is there but its workflow is not: intake could not start it (Temporal was down), and the
      // intake repair starts it within a few minutes (activities/intakeRepair.ts).
      throw new HttpError(503, 'ORDER_STARTING', 'The order is still being set up; retry in a few minutes', {
        orderId,
      });
    }
    if (isDeadlineExceeded(error)) {
      // Temporal keeps the update, and the workflow still decides it when a worker is back: say so.
      throw new HttpError(
        503,
        'ACTION_NOT_CONFIRMED',
        `The order did not confirm this change within ${waitMs / 1000} s. It may still be applied: reload the ` +
          'order before you retry.',
        { orderId },
      );
    }
    throw error;
  }
  return findOrderFor(deps.pool, caller, orderId);
}

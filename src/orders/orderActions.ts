// Vendor and platform actions on an order: a Temporal Update the workflow validates synchronously; the
// answer comes once the workflow has accepted and recorded the change.
import { randomUUID } from 'node:crypto';
import {
  type Client,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Queryable } from '../db/sql/sqlTemplate';
import { FINAL_STATUSES } from '../domain/orderStatus';
import type { Caller } from '../http/auth';
import { HttpError } from '../http/httpError';
import { type Timed, untimed } from '../http/serverTiming';
import { isDeadlineExceeded } from '../infrastructureDown';
import { withinDeadline } from '../temporal/withinDeadline';
import { type OrderActionResult, orderWorkflowId } from '../../workflows/messages';
import { findOrderFor, findOrderStatusFor } from './orderReads';
import type { OrderRow } from './orderView';

export interface OrderActionDeps {
  /** For the order reads before and after the update (src/db/sql). */
  pool: Queryable;
  temporal: Client;
  /** How long an action waits for the workflow to confirm it; ACTION_WAIT_MS unless a test says otherwise. */
  actionWaitMs?: number | undefined;
  /** How much longer an action the workflow has accepted is waited for; ACCEPTED_ACTION_WAIT_MS unless a test says. */
  acceptedActionWaitMs?: number | undefined;
}

/**
 * An action normally takes tens of milliseconds. With no worker running, Temporal holds the update until one
 * comes back, and the vendor's request would hang with it; after this long the vendor gets an answer instead,
 * unless the workflow has taken the action and is still at work on it (see runUpdate).
 */
export const ACTION_WAIT_MS = 15_000;

/**
 * Runs `update` on the caller's order and returns the order as recorded afterwards. The checks come in a
 * fixed order: an order the caller may not see is 404, then `inputFor` checks the role (403) and parses the
 * body (422), then an ended order is 409, then the workflow's validator decides. `timed` records the three
 * steps (`read`, `workflow`, `reread`) for the response's Server-Timing.
 */
export async function runOrderAction<Input>(
  deps: OrderActionDeps,
  caller: Caller,
  orderId: string,
  update: UpdateDefinition<OrderActionResult, [Input]>,
  inputFor: (caller: Caller) => Input | Promise<Input>,
  timed: Timed = untimed,
): Promise<OrderRow> {
  const before = await timed('read', () => findOrderStatusFor(deps.pool, caller, orderId));
  const input = await inputFor(caller);
  if (FINAL_STATUSES.includes(before.status)) {
    // The workflow has ended; answer as the validator would have, without asking Temporal.
    throw new HttpError(409, 'INVALID_STATE', `The order is ${before.status}; no further action is possible`, {
      status: before.status,
    });
  }
  await timed('workflow', () => runUpdate(deps, orderId, update, input));
  return timed('reread', () => findOrderFor(deps.pool, caller, orderId));
}

/**
 * The update itself, in one round trip when it completes within the wait, as it does unless a worker is down or
 * the workflow is still at work on it. Past the wait, a second short call tells the two apart: an update the
 * workflow has accepted (a tracking number 17TRACK is slow to register, waited for up to 12 s, or an activity
 * retrying after a failure) is waited for a while longer; one no worker has taken, or one still at work after that,
 * is 503 ACTION_NOT_CONFIRMED.
 */
async function runUpdate<Input>(
  deps: OrderActionDeps,
  orderId: string,
  update: UpdateDefinition<OrderActionResult, [Input]>,
  input: Input,
): Promise<void> {
  const waitMs = deps.actionWaitMs ?? ACTION_WAIT_MS;
  const handle = deps.temporal.workflow.getHandle(orderWorkflowId(orderId));
  const options = { args: [input] as [Input], updateId: randomUUID() }; // the second call finds the same update
  const within = <T>(ms: number, call: () => Promise<T>) => withinDeadline(deps.temporal, ms, call);
  try {
    await within(waitMs, () => handle.executeUpdate(update, options));
    return;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      // The order's row is there but its workflow is not: intake could not start it (Temporal was down), and the
      // intake repair starts it within a few minutes (activities/intakeRepair.ts).
      throw new HttpError(503, 'ORDER_STARTING', 'The order is still being set up; retry in a few minutes', {
        orderId,
      });
    }
    if (!timedOut(error)) throw error;
  }
  const accepted = await within(ACCEPTED_CHECK_MS, () =>
    handle.startUpdate(update, { ...options, waitForStage: WorkflowUpdateStage.ACCEPTED }),
  ).catch((error: unknown) => {
    if (timedOut(error)) return undefined;
    throw error;
  });
  // Not accepted: no worker has taken it. Temporal keeps the update, and the workflow still decides it when a
  // worker is back; so does an accepted one whose worker died before it finished.
  const notConfirmed = () =>
    new HttpError(
      503,
      'ACTION_NOT_CONFIRMED',
      'The order did not confirm this change in time. It may still be applied: reload the order before you retry.',
      { orderId },
    );
  if (!accepted) throw notConfirmed();
  const acceptedWaitMs = deps.acceptedActionWaitMs ?? ACCEPTED_ACTION_WAIT_MS;
  await within(acceptedWaitMs, () => accepted.result()).catch((error: unknown) => {
    throw timedOut(error) ? notConfirmed() : error;
  });
}

/** How long the second call may take to find out whether the workflow accepted the update. */
const ACCEPTED_CHECK_MS = 2_000;
/**
 * How much longer an update the workflow has accepted is waited for. Past the first wait, legitimately slow ones end
 * well within it: a tracking entry waiting out 17TRACK (12 s), or one whose worker a rolling deploy restarted (16-25
 * s in drill 9). One still at work after it is held up by an outage (PostgreSQL frozen or down, so its write keeps
 * failing), which the vendor is better told of, truthfully: it may still be applied, as it is once the outage ends.
 * It used to be 120 s, and a vendor waited up to 137 s for the answer (135 s in drill 3b, PostgreSQL frozen for
 * 90 s), where proxies in front of the API commonly give up after 60 s (nginx's proxy_read_timeout, AWS ALB's idle
 * timeout) and answer a bare 504 instead.
 */
export const ACCEPTED_ACTION_WAIT_MS = 30_000;
/** The longest a vendor action's request can take: the wait, the check, and an accepted update's run (47 s). */
export const LONGEST_ACTION_MS = ACTION_WAIT_MS + ACCEPTED_CHECK_MS + ACCEPTED_ACTION_WAIT_MS;

function timedOut(error: unknown): boolean {
  return error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isDeadlineExceeded(error);
}

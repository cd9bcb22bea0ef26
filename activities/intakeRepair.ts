// The intake repair (run by its Schedule, src/temporal/intakeRepairSchedule.ts): intake writes an order and its
// pending start in one statement, then starts the workflow. An API that crashed between the two, or a Temporal
// that was down (the storefront got a 503 and may never retry), leaves an order no workflow runs: no email, and
// every vendor action fails. This starts those workflows; for one that already runs, the start changes nothing.
import { heartbeat, log } from '@temporalio/activity';
import type { PrismaClient } from '../src/db/prismaClient';
import { selectPendingWorkflowStarts } from '../src/db/sql/pendingWorkflowStarts';
import { isInfrastructureDown } from '../src/infrastructureDown';
import { ORDER_INCLUDE } from '../src/orders/orderView';
import { type OrderStartDeps, startOrderWorkflow } from '../src/orders/startOrderWorkflow';

export interface StartPendingOrderWorkflowsInput {
  /** Pending starts younger than this are left to the intake that is still working on them. */
  olderThanMs: number;
  /** At most this many in one run; the next run takes the rest. */
  maxOrders: number;
}

export interface IntakeRepairResult {
  /** Orders whose workflow now runs (or had run all along). */
  confirmed: string[];
  /** Orders whose start failed; their pending start stays for the next run. */
  failed: string[];
}

export function createIntakeRepairActivities(deps: OrderStartDeps & { prisma: PrismaClient }) {
  return {
    /**
     * Starts the workflow of every order whose start is still pending. One that fails keeps its pending start
     * for the next run and does not hold up the others; if Temporal itself is down, the first failure ends the
     * run (the activity's retries and the next run take it from there); so does a database that is down.
     */
    async startPendingOrderWorkflows(input: StartPendingOrderWorkflowsInput): Promise<IntakeRepairResult> {
      const before = new Date(Date.now() - input.olderThanMs);
      const orderIds = await selectPendingWorkflowStarts(deps.pool, before, input.maxOrders);
      const result: IntakeRepairResult = { confirmed: [], failed: [] };
      if (orderIds.length === 0) return result;
      const rows = await deps.prisma.order.findMany({ where: { id: { in: orderIds } }, include: ORDER_INCLUDE });
      for (const row of rows) {
        try {
          await startOrderWorkflow(deps, row);
          result.confirmed.push(row.id);
        } catch (error) {
          if (isInfrastructureDown(error)) throw error;
          log.error('intake repair: could not start an order workflow', { orderId: row.id, error: String(error) });
          result.failed.push(row.id);
        }
        heartbeat();
      }
      log.warn('intake repair: orders whose workflow start intake left pending', { ...result });
      return result;
    },
  };
}

// The intake repair: an order whose workflow start never happened (Temporal down at intake, or an API killed
// between its insert and the start) gets its workflow from the repair, with one new-order email; an order whose
// workflow already runs is left as it is. Real Temporal, PostgreSQL and SMTP receiver.
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntakeRepairSchedule, intakeRepairScheduleId } from '../../src/temporal/intakeRepairSchedule';
import { TEMPORAL_HANDOFF_MS } from '../../src/temporal/withinDeadline';
import { orderWorkflowId } from '../../workflows/messages';
import { type OutageApi, startOutageApi } from '../support/outageApi';
import { dropshipOrderBody, supplierOrderBody } from '../support/fixtures';
import { runIntakeRepair } from '../support/scheduleRuns';
import { PLATFORM_TOKEN, type TestStack, apiAs, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;
let outageApi: OutageApi;

beforeAll(async () => {
  stack = await startTestStack();
  vendor = await stack.createVendor();
  outageApi = await startOutageApi(stack.taskQueue);
});

afterAll(async () => {
  await outageApi?.stop();
  await stack?.stop();
});

const pendingStart = (orderId: string) => stack.prisma.pendingWorkflowStart.findUnique({ where: { orderId } });

const newOrderEmails = (externalId: string) =>
  stack.mail.messages.filter((m) => m.subject.startsWith('New dropshipping order') && m.subject.includes(externalId));

describe('intake repair', () => {
  it('confirms the start of an order taken in normally: no pending start is left', async () => {
    const response = await stack.platform.post('/v1/orders', dropshipOrderBody(vendor.id));
    expect(response.status).toBe(201);
    expect(await pendingStart(response.body.order.id)).toBeNull();
  });

  it('starts the workflow of an order Temporal was down for, and its vendor is emailed once', async () => {
    const body = dropshipOrderBody(vendor.id);
    const failed = await apiAs(outageApi.url, PLATFORM_TOKEN).post('/v1/orders', body);
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('SERVICE_UNAVAILABLE');
    const row = await stack.prisma.order.findUniqueOrThrow({ where: { externalId: body.externalId } });
    expect(await pendingStart(row.id)).not.toBeNull();
    await expect(stack.client.workflow.getHandle(orderWorkflowId(row.id)).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );

    // Until then the vendor's action is told to come back, and nothing changes.
    const early = await vendor.api.post(`/v1/orders/${row.id}/supplier-order`, supplierOrderBody());
    expect(early.status).toBe(503);
    expect(early.body.error.code).toBe('ORDER_STARTING');
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: row.id } })).status).toBe(
      'AWAITING_SUPPLIER_ORDER',
    );
    expect((await runIntakeRepair(stack)).confirmed).toContain(row.id);
    expect(await pendingStart(row.id)).toBeNull();
    const description = await stack.client.workflow.getHandle(orderWorkflowId(row.id)).describe();
    expect(description.status.name).toBe('RUNNING');
    await stack.mail.waitFor(
      (m) => m.subject.startsWith('New dropshipping order') && m.subject.includes(body.externalId),
    );
    // The order now takes the vendor's actions like any other.
    const recorded = await vendor.api.post(`/v1/orders/${row.id}/supplier-order`, supplierOrderBody());
    expect(recorded.status).toBe(200);
    expect(recorded.body.order.status).toBe('SUPPLIER_ORDERED');
    expect(newOrderEmails(body.externalId)).toHaveLength(1);
  });

  it('answers within its bound when Temporal takes the connection and never answers, naming the order it kept', async () => {
    // Without a deadline the start would wait for ever; the storefront hears within TEMPORAL_HANDOFF_MS.
    const outage = await startOutageApi(stack.taskQueue, { temporal: 'silent' });
    try {
      const body = dropshipOrderBody(vendor.id);
      const startedAt = Date.now();
      const failed = await apiAs(outage.url, PLATFORM_TOKEN).post('/v1/orders', body);
      const waitedMs = Date.now() - startedAt;
      expect(failed.status).toBe(503);
      expect(waitedMs).toBeGreaterThanOrEqual(TEMPORAL_HANDOFF_MS);
      expect(waitedMs).toBeLessThan(TEMPORAL_HANDOFF_MS + 5_000);
      const row = await stack.prisma.order.findUniqueOrThrow({ where: { externalId: body.externalId } });
      expect(failed.body.error).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        details: { orderId: row.id, externalId: body.externalId },
      });
      expect(failed.body.error.message).toContain(row.id);
      expect(await pendingStart(row.id)).not.toBeNull();

      // The storefront's retry, with Temporal back, returns that order and starts it.
      const retried = await stack.platform.post('/v1/orders', body);
      expect(retried.status).toBe(200);
      expect(retried.body.order.id).toBe(row.id);
      expect(await pendingStart(row.id)).toBeNull();
      await stack.mail.waitFor(
        (m) => m.subject.startsWith('New dropshipping order') && m.subject.includes(body.externalId),
      );
    } finally {
      await outage.stop();
    }
  });

  it('leaves a running workflow as it is when its start was not confirmed (the API died after the start)', async () => {
    const body = dropshipOrderBody(vendor.id);
    const { body: created } = await stack.platform.post('/v1/orders', body);
    const orderId: string = created.order.id;
    await stack.mail.waitFor(
      (m) => m.subject.startsWith('New dropshipping order') && m.subject.includes(body.externalId),
    );
    const { runId } = await stack.client.workflow.getHandle(orderWorkflowId(orderId)).describe();
    await stack.prisma.pendingWorkflowStart.create({ data: { orderId, createdAt: new Date() } });

    expect((await runIntakeRepair(stack)).confirmed).toContain(orderId);
    expect(await pendingStart(orderId)).toBeNull();
    expect((await stack.client.workflow.getHandle(orderWorkflowId(orderId)).describe()).runId).toBe(runId);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a second email, if one were sent, would be here
    expect(newOrderEmails(body.externalId)).toHaveLength(1);
  });

  it('runs as a Schedule every 5 minutes, on the deployment task queue', async () => {
    await ensureIntakeRepairSchedule(stack.client, stack.taskQueue);
    const handle = stack.client.schedule.getHandle(intakeRepairScheduleId(stack.taskQueue));
    try {
      const schedule = await handle.describe();
      expect(schedule.spec.intervals).toMatchObject([{ every: 5 * 60_000 }]);
      expect(schedule.action).toMatchObject({ workflowType: 'intakeRepairWorkflow', taskQueue: stack.taskQueue });
      await ensureIntakeRepairSchedule(stack.client, stack.taskQueue); // every worker start: an update, no error
    } finally {
      await handle.delete();
    }
  });
});

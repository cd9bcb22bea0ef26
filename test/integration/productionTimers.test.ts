// The production durations themselves (24 h / 48 h / 72 h ladder, 5 business days, 14-day holding period)
// on Temporal's time-skipping test server, with the real database and SMTP receiver for the activities.
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { createOutboxPool } from '../../src/db/outboxSend';
import { type Database, openDatabase } from '../../src/db/database';
import type { PrismaClient } from '../../src/db/prismaClient';
import { deadlineAt } from '../../src/domain/duration';
import { type MailCatcher, startMailCatcher } from '../../src/mail/mailCatcher';
import { type Mailer, createMailer } from '../../src/mail/mailer';
import { createOrder } from '../../src/orders/createOrder';
import { temporalTestServerPath } from '../../src/temporal/devServer';
import { registerSearchAttributes } from '../../src/temporal/registerSearchAttributes';
import { createRateLimiter } from '../../src/tracking/rateLimiter';
import { createTrack17Client } from '../../src/tracking/track17Client';
import { type Track17Fake, startTrack17Fake } from '../../src/tracking/track17Fake';
import {
  addTrackingUpdate,
  markDeliveredUpdate,
  orderWorkflowId,
  recordSupplierOrderUpdate,
} from '../../workflows/messages';
import { dropshipOrderBody, supplierOrderBody } from '../support/fixtures';
import { DEFAULT_POLICY, TRACK17_KEY, workflowBundle } from '../support/testStack';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let env: TestWorkflowEnvironment;
let database: Database;
let prisma: PrismaClient;
let outboxPool: Pool | undefined;
let mail: MailCatcher;
let fake: Track17Fake;
let mailer: Mailer;
let worker: Worker;
let workerRun: Promise<void>;
const taskQueue = `time-skipping-${randomUUID()}`;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  database = openDatabase(inject('databaseUrl'));
  prisma = database.prisma;
  outboxPool = createOutboxPool(inject('databaseUrl'));
  mail = await startMailCatcher({ smtpPort: 0 });
  fake = await startTrack17Fake({ apiKey: TRACK17_KEY });
  mailer = createMailer(mail.smtpUrl, 'orders@test.local');
  const activities = createActivities({
    prisma,
    pool: database.pool,
    outboxPool,
    mailer,
    track17: createTrack17Client({ baseUrl: fake.baseUrl, apiKey: TRACK17_KEY, limiter: createRateLimiter(3) }),
    temporal: env.client,
    taskQueue,
    policy: DEFAULT_POLICY,
    opsEmail: 'ops@test.local',
    publicBaseUrl: 'http://dashboard.test',
  });
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  workerRun = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await env?.teardown();
  mailer?.close(); // its pooled connection would hold the SMTP server's close open
  await mail?.stop();
  await fake?.stop();
  await outboxPool?.end();
  await database?.close();
});

describe('production durations on the time-skipping server', () => {
  it('sends reminders at 24 h and 48 h, escalates at 72 h, alerts after 5 business days and releases after 14 days', async () => {
    const vendor = await prisma.vendor.create({
      data: {
        id: `ven_${randomUUID().slice(0, 8)}`,
        name: 'Slow vendor',
        email: 'slow@example.com',
        currency: 'USD',
        tokenHash: randomUUID(),
      },
    });
    const { row } = await createOrder(
      { prisma, pool: database.pool, temporal: env.client, taskQueue, policy: DEFAULT_POLICY },
      dropshipOrderBody(vendor.id) as never,
    );
    const handle = env.client.workflow.getHandle(orderWorkflowId(row.id));
    const subjects = () =>
      mail.messages.filter((m) => m.subject.includes(row.externalId)).map((m) => m.subject.split(':')[0]);

    await env.sleep(23 * HOUR);
    expect(subjects()).toEqual([`New dropshipping order ${row.externalId}`]);
    await env.sleep(2 * HOUR); // 25 h
    await mail.waitFor((m) => m.subject.startsWith(`Reminder: order ${row.externalId}`));
    await env.sleep(24 * HOUR); // 49 h
    await mail.waitFor((m) => m.subject.startsWith(`Reminder: order ${row.externalId}`), { count: 2 });
    await env.sleep(24 * HOUR); // 73 h
    await mail.waitFor((m) => m.subject.startsWith(`Escalation: order ${row.externalId}`));

    const actor = { kind: 'vendor' as const, id: vendor.id };
    await handle.executeUpdate(recordSupplierOrderUpdate, { args: [{ actor, ...supplierOrderBody() }] });
    const orderedAt = Date.parse(
      (await prisma.supplierOrder.findUniqueOrThrow({ where: { orderId: row.id } })).recordedAt.toISOString(),
    );
    const shipDeadline = deadlineAt(orderedAt, { kind: 'businessDays', days: 5 });
    expect(shipDeadline - orderedAt).toBeGreaterThanOrEqual(5 * DAY); // weekends only make it longer
    await env.sleep(shipDeadline - orderedAt - HOUR);
    expect(
      mail.messages.some((m) => m.subject.startsWith(`The supplier has not shipped yet: order ${row.externalId}`)),
    ).toBe(false);
    await env.sleep(2 * HOUR);
    await mail.waitFor((m) => m.subject.startsWith(`The supplier has not shipped yet: order ${row.externalId}`));

    await handle.executeUpdate(addTrackingUpdate, {
      args: [{ actor, trackingNumber: `RR${String(Date.now()).slice(-9)}CN` }],
    });
    await handle.executeUpdate(markDeliveredUpdate, { args: [{ actor }] });
    await env.sleep(13 * DAY);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('DELIVERED');
    await env.sleep(2 * DAY);
    expect(await handle.result()).toEqual({ status: 'COMPLETED' });
    await mail.waitFor((m) => m.subject.startsWith(`Earnings of order ${row.externalId}`));
  });
});

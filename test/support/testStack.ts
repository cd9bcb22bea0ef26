// A whole service per test file, on real parts: the run's Temporal dev server and PostgreSQL database, a
// worker on a task queue of its own, the API over real HTTP, an SMTP catcher and the 17TRACK fake.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  type WorkflowBundleWithSourceMap,
  bundleWorkflowCode,
} from '@temporalio/worker';
import type { Pool } from 'pg';
import { inject } from 'vitest';
import { createActivities } from '../../activities';
import { createOutboxPool } from '../../src/db/outboxSend';
import { openDatabase } from '../../src/db/database';
import type { PrismaClient } from '../../src/db/prismaClient';
import type { OrderPolicy } from '../../src/domain/orderPolicy';
import { createApp } from '../../src/http/app';
import { type MailCatcher, startMailCatcher } from '../../src/mail/mailCatcher';
import { createMailer } from '../../src/mail/mailer';
import { WORKFLOWS_PATH, createOrderWorker } from '../../src/temporal/orderWorker';
import { createRateLimiter } from '../../src/tracking/rateLimiter';
import { createTrack17Client } from '../../src/tracking/track17Client';
import { type Track17Fake, startTrack17Fake } from '../../src/tracking/track17Fake';

export const PLATFORM_TOKEN = 'test-platform-token-0123456789';
export const TRACK17_KEY = 'test-17track-key';

export { DEFAULT_POLICY } from './policy';
import { createOwnDatabase } from './ownDatabase';
import { DEFAULT_POLICY } from './policy';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
let runtimeInstalled = false;

function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} },
  });
  return bundle;
}

export { type Api, type ApiResponse, apiAs } from './api';
import { type Api, apiAs } from './api';

export interface TestStackOptions {
  policy?: Partial<OrderPolicy>;
  /** Per-token rate limit; generous by default so only the rate-limit test meets it. */
  rateLimit?: { perSecond: number; burst: number };
  afterEmailSent?: (key: string) => void | Promise<void>;
  /** How long a vendor action waits for its workflow before 503 ACTION_NOT_CONFIRMED (15 s by default). */
  actionWaitMs?: number;
  /** A platform token being rotated out, accepted beside the current one (PLATFORM_TOKEN_PREVIOUS). */
  previousPlatformToken?: string;
  /**
   * A database of the test file's own, created and migrated under this name and dropped by `stop()`: for a test
   * that counts rows across the whole database, or runs the outbox relay (./ownDatabase.ts).
   */
  ownDatabase?: string;
  /** Where the storefront webhook relay posts (a receiver of the test's own); none: it relays nothing. */
  storefrontWebhook?: { url: string; secret: string };
}

export interface TestStack {
  baseUrl: string;
  platform: Api;
  prisma: PrismaClient;
  /** The pg pool under `prisma`, for the hand-written SQL reads (src/db/sql). */
  pool: Pool;
  client: Client;
  mail: MailCatcher;
  track17: Track17Fake;
  taskQueue: string;
  /** Creates a vendor through the API; returns its id, token and an API client acting as it. */
  createVendor(name?: string): Promise<{ id: string; token: string; email: string; api: Api }>;
  /** Stops the worker only (to simulate a crash); `startWorker` brings a new one up on the same queue. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the stack; call `stop()` in afterAll. */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  installQuietRuntime();
  const own = options.ownDatabase === undefined ? undefined : await createOwnDatabase(options.ownDatabase);
  const databaseUrl = own?.url ?? inject('databaseUrl');
  const temporalAddress = inject('temporalAddress');
  const policy = { ...DEFAULT_POLICY, ...options.policy };
  const database = openDatabase(databaseUrl);
  const { prisma, pool } = database;
  const outboxPool = createOutboxPool(databaseUrl);
  const mail = await startMailCatcher({ smtpPort: 0 });
  const mailer = createMailer(mail.smtpUrl, 'Dropship Test <orders@test.local>');
  const track17 = await startTrack17Fake({ apiKey: TRACK17_KEY });
  const track17Client = createTrack17Client({
    baseUrl: track17.baseUrl,
    apiKey: TRACK17_KEY,
    limiter: createRateLimiter(3),
  });
  const client = new Client({ connection: await Connection.connect({ address: temporalAddress }) });
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
  const taskQueue = `test-${randomUUID()}`;
  const activities = createActivities({
    prisma,
    pool,
    outboxPool,
    mailer,
    track17: track17Client,
    temporal: client,
    taskQueue,
    policy,
    opsEmail: 'ops@test.local',
    publicBaseUrl: 'http://dashboard.test',
    temporalUiWorkflowsUrl: 'http://temporal-ui.test/namespaces/default/workflows',
    afterEmailSent: options.afterEmailSent,
    storefrontWebhook: options.storefrontWebhook,
  });

  let running: { stop(): Promise<void> } | undefined;
  async function startWorker() {
    const worker = await createOrderWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      activities,
      workflowBundle: await workflowBundle(),
    });
    const done = worker.run();
    running = {
      async stop() {
        worker.shutdown();
        await done;
      },
    };
  }
  await startWorker();

  const app = createApp({
    prisma,
    pool,
    temporal: client,
    taskQueue,
    policy,
    platformToken: PLATFORM_TOKEN,
    previousPlatformToken: options.previousPlatformToken,
    track17ApiKey: TRACK17_KEY,
    rateLimit: options.rateLimit ?? { perSecond: 1000, burst: 1000 },
    actionWaitMs: options.actionWaitMs,
    log: (message, error) => console.error(message, error),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  track17.setWebhookUrl(`${baseUrl}/v1/webhooks/17track`);
  const platform = apiAs(baseUrl, PLATFORM_TOKEN);

  return {
    baseUrl,
    platform,
    prisma,
    pool,
    client,
    mail,
    track17,
    taskQueue,
    async createVendor(name = 'Lisbon Gadgets') {
      const email = `vendor.${randomUUID().slice(0, 8)}@example.com`;
      const response = await platform.post('/v1/vendors', { name, email });
      if (response.status !== 201) throw new Error(`vendor not created: ${JSON.stringify(response.body)}`);
      return {
        id: response.body.vendor.id,
        token: response.body.token,
        email,
        api: apiAs(baseUrl, response.body.token),
      };
    },
    async stopWorker() {
      await running?.stop();
      running = undefined;
    },
    startWorker,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await running?.stop();
      await nativeConnection.close();
      await client.connection.close();
      mailer.close();
      await mail.stop();
      await track17.stop();
      await outboxPool.end();
      await database.close();
      await own?.drop();
    },
  };
}

// Wires the API and the worker to their backing services. Used by `npm start` (everything in one process)
// and by the separate `api` / `worker` entry points (scale-out, docker-compose).
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { Config } from '../config';
import { createOutboxPool } from '../db/outboxSend';
import { API_QUERY_TIMEOUT_MS, WORKER_QUERY_TIMEOUT_MS, openDatabase } from '../db/database';
import { relayCursor } from '../db/sql/feedRelayCursor';
import { createApp } from '../http/app';
import { changeFeedEnd } from '../orders/changeFeed';
import { createMailer } from '../mail/mailer';
import { apiConnectionOptions } from '../temporal/apiConnection';
import { requireNamespace } from '../temporal/requireNamespace';
import { accessOptions } from '../temporal/temporalAccess';
import { createOrderWorker } from '../temporal/orderWorker';
import { watchForWorkerFailure } from '../temporal/workerFailure';
import { ensureIntakeRepairSchedule } from '../temporal/intakeRepairSchedule';
import { ensureOutboxRelaySchedule } from '../temporal/outboxRelaySchedule';
import { ensureRetentionSweepSchedule } from '../temporal/retentionSweepSchedule';
import { STOREFRONT_RELAY, syncStorefrontWebhookSchedule } from '../temporal/storefrontWebhookSchedule';
import { ensureTrackingSchedule } from '../temporal/trackingSchedule';
import { webUiWorkflowsUrl } from '../temporal/webUi';
import { createSharedRateLimiter } from '../tracking/rateLimiter';
import { type Track17Client, createTrack17Client } from '../tracking/track17Client';
import type { Logger } from './logger';

/** Where the backing services are, once embedded ones have started. */
export interface Endpoints {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
  track17: { baseUrl: string; apiKey: string };
}

export interface RunningPart {
  stop(): Promise<void>;
}

/** A pool's handler for an idle connection the server closed (PostgreSQL restarting): worth a line, no more. */
function idleConnectionClosed(log: Logger): (error: Error) => void {
  return (error) => log.warn('an idle connection to PostgreSQL closed; the pool opens a new one', error.message);
}

/** Starts the HTTP API on config.port. */
export async function startApi(
  config: Config,
  endpoints: Endpoints,
  log: Logger,
): Promise<RunningPart & { port: number }> {
  const database = openDatabase(endpoints.databaseUrl, {
    onIdleError: idleConnectionClosed(log),
    queryTimeoutMillis: API_QUERY_TIMEOUT_MS,
  });
  const connection = await Connection.connect({
    ...apiConnectionOptions(endpoints.temporalAddress),
    ...accessOptions(config.temporal.access),
  });
  try {
    await requireNamespace(connection, config.temporal.namespace, endpoints.temporalAddress);
  } catch (error) {
    await connection.close();
    await database.close();
    throw error;
  }
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const app = createApp({
    prisma: database.prisma,
    pool: database.pool,
    temporal,
    taskQueue: config.temporal.taskQueue,
    policy: config.policy,
    platformToken: config.platformToken,
    previousPlatformToken: config.previousPlatformToken,
    track17ApiKey: endpoints.track17.apiKey,
    rateLimit: config.rateLimit,
    log: (message, error) => log.error(message, error),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : config.port,
    async stop() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeIdleConnections();
      });
      await connection.close();
      await database.close();
    },
  };
}

/** A started worker: `failure` settles if it stops polling on its own (see watchForWorkerFailure). */
export interface RunningWorker extends RunningPart {
  failure: Promise<unknown>;
}

/** Starts the worker for the order task queue. */
export async function startWorker(config: Config, endpoints: Endpoints, log: Logger): Promise<RunningWorker> {
  // stopOnSignal owns SIGINT / SIGTERM / SIGHUP, so the API stops taking work before the worker drains.
  Runtime.install({
    logger: new DefaultLogger(config.logLevel === 'debug' ? 'DEBUG' : 'WARN'),
    shutdownSignals: [],
    ...(config.temporal.metricsAddress && {
      telemetryOptions: { metrics: { prometheus: { bindAddress: config.temporal.metricsAddress } } },
    }),
  });
  const database = openDatabase(endpoints.databaseUrl, {
    onIdleError: idleConnectionClosed(log),
    queryTimeoutMillis: WORKER_QUERY_TIMEOUT_MS,
  });
  const outboxPool = createOutboxPool(endpoints.databaseUrl, idleConnectionClosed(log));
  const mailer = createMailer(endpoints.smtpUrl, config.mail.from);
  const temporalAt = { address: endpoints.temporalAddress, ...accessOptions(config.temporal.access) };
  const connection = await NativeConnection.connect(temporalAt);
  const clientConnection = await Connection.connect(temporalAt);
  const temporal = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
  await ensureTrackingSchedule(temporal, config.temporal.taskQueue, config.track17.pollIntervalMs);
  await ensureIntakeRepairSchedule(temporal, config.temporal.taskQueue);
  await ensureOutboxRelaySchedule(temporal, config.temporal.taskQueue);
  await ensureRetentionSweepSchedule(temporal, config.temporal.taskQueue);
  await syncStorefrontWebhookSchedule(temporal, config.temporal.taskQueue, config.storefrontWebhook !== undefined);
  // Webhooks begin with the events after the first start that has them configured, not after the first run a
  // minute later; a relay that has its place (webhooks turned off and on again) goes on from there.
  if (config.storefrontWebhook)
    await relayCursor(database.pool, STOREFRONT_RELAY.relay, () => changeFeedEnd(database.pool));
  // The limiter in the database: every worker on the key shares 17TRACK's 3 requests/s.
  const track17 = createTrack17Client({
    ...endpoints.track17,
    limiter: createSharedRateLimiter(database.pool, endpoints.track17.apiKey),
  });
  checkTrack17Key(track17, log);
  const worker = await createOrderWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    maxCachedWorkflows: config.temporal.maxCachedWorkflows,
    activities: createActivities({
      prisma: database.prisma,
      pool: database.pool,
      outboxPool,
      mailer,
      track17,
      temporal,
      taskQueue: config.temporal.taskQueue,
      policy: config.policy,
      opsEmail: config.mail.opsEmail,
      publicBaseUrl: config.publicBaseUrl,
      temporalUiWorkflowsUrl:
        config.temporal.uiUrl && webUiWorkflowsUrl(config.temporal.uiUrl, config.temporal.namespace),
      storefrontWebhook: config.storefrontWebhook,
    }),
  });
  const running = worker.run();
  const watch = watchForWorkerFailure(worker, running);
  return {
    failure: watch.failure,
    async stop() {
      watch.stopWatching();
      if (worker.getState() === 'RUNNING') {
        worker.shutdown();
        await running.catch((error: unknown) => log.error('the worker stopped with an error', error));
        await connection.close();
      }
      // A failed worker is not waited for: its run may never end, and it keeps its hold on the native connection.
      await clientConnection.close();
      mailer.close();
      await outboxPool.end();
      await database.close();
    },
  };
}

/**
 * Asks 17TRACK for the key's quota, without holding up the start: a refused key or a quota running out shows in
 * the log at once, not at the first tracking entry. The call also loads Node's HTTP client, whose first use
 * otherwise sends the first registration 100-300 ms late (drill 9: late enough to meet another worker's request
 * inside 17TRACK's second, answered 429).
 */
function checkTrack17Key(track17: Track17Client, log: Logger): void {
  track17.getQuota().then(
    (quota) => {
      const line = `17TRACK key accepted: ${quota.quota_remain} of ${quota.quota_total} registrations left`;
      if (quota.quota_remain < quota.quota_total / 10) log.warn(line);
      else log.info(line);
    },
    (error: unknown) => log.warn('17TRACK key check failed: tracking entries fail until 17TRACK answers', error),
  );
}

/** Stops every part, last started first, then exits with `exitCode`; `reason` is logged first. */
export type Shutdown = (reason: string, exitCode: number) => Promise<void>;

/**
 * Runs `stops` in reverse order on SIGINT / SIGTERM / SIGHUP, then exits 0; the returned Shutdown does the same
 * for a part that failed, with its exit code. SIGHUP is the terminal that ran `npm start` closing: by default it
 * ends this process alone, and the embedded PostgreSQL, which takes SIGHUP as "reload its configuration", ran on
 * holding its port, so the next `npm start` could not start.
 */
export function stopOnSignal(log: Logger, stops: (() => Promise<void>)[]): Shutdown {
  let stopping = false;
  const shutdown: Shutdown = async (reason, exitCode) => {
    if (stopping) return;
    stopping = true;
    if (exitCode === 0) log.info(`${reason}: shutting down`);
    else log.error(`${reason}: shutting down`);
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log.warn('a part did not stop cleanly', error);
      }
    }
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void shutdown(signal, 0));
  return shutdown;
}

/**
 * Ends the process with exit code 1 when the worker fails on its own, stopping the other parts in order, so a
 * supervisor (docker-compose's `restart`, Kubernetes, systemd) starts a new worker instead of keeping one that
 * polls nothing, and `npm start` does not go on serving vendor actions that no worker will run.
 */
export function exitWhenWorkerFails(log: Logger, worker: RunningWorker, shutdown: Shutdown): void {
  void worker.failure.then((reason) => {
    log.error('the worker stopped polling', reason);
    return shutdown('the worker failed', 1);
  });
}

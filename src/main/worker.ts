// `npm run worker`: the Temporal worker alone, against configured services (scale-out, docker-compose).
import './productionDefaults';
import { loadConfig } from '../config';
import { migrateDatabase } from '../db/migrate';
import { requiredEndpoints } from './requiredEndpoints';
import { createLogger } from './logger';
import { exitWhenWorkerFails, startWorker, stopOnSignal } from './service';

const config = loadConfig();
const log = createLogger(config.logLevel);
const endpoints = requiredEndpoints(config, 'worker');
migrateDatabase(endpoints.databaseUrl)
  .then(() => startWorker(config, endpoints, log))
  .then((worker) => {
    exitWhenWorkerFails(log, worker, stopOnSignal(log, [worker.stop]));
    log.info(`worker polling task queue ${config.temporal.taskQueue}`);
  })
  .catch((error: unknown) => {
    log.error('worker failed to start', error);
    process.exit(1);
  });

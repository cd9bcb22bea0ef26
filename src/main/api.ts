// `npm run api`: the HTTP API alone, against configured services (scale-out, docker-compose).
import './productionDefaults';
import { loadConfig } from '../config';
import { requiredEndpoints } from './requiredEndpoints';
import { createLogger } from './logger';
import { startApi, stopOnSignal } from './service';

const config = loadConfig();
const log = createLogger(config.logLevel);
startApi(config, requiredEndpoints(config), log)
  .then((api) => {
    stopOnSignal(log, [api.stop]);
    log.info(`API listening on port ${api.port}`);
  })
  .catch((error: unknown) => {
    log.error('API failed to start', error);
    process.exit(1);
  });

// `npm run api`: the HTTP API alone, against configured services (scale-out, docker-compose).
import './productionDefaults';
import { DEV_PLATFORM_TOKEN, loadConfig } from '../config';
import { requiredEndpoints } from './requiredEndpoints';
import { createLogger } from './logger';
import { startApi, stopOnSignal } from './service';

const config = loadConfig();
const log = createLogger(config.logLevel);
startApi(config, requiredEndpoints(config, 'api'), log)
  .then((api) => {
    stopOnSignal(log, [api.stop]);
    log.info(`API listening on port ${api.port}`);
    if (config.platformToken === DEV_PLATFORM_TOKEN) {
      log.warn(
        'PLATFORM_TOKEN is the public development default: set a secret of your own before anyone else can reach this API',
      );
    }
  })
  .catch((error: unknown) => {
    log.error('API failed to start', error);
    process.exit(1);
  });

import { type Config, ConfigError, DEV_PLATFORM_TOKEN } from '../config';
import type { Endpoints } from './service';

/**
 * The endpoints a standalone API or worker needs; nothing is embedded there, so each must be set. The API also
 * needs a platform token of its own: the development default is printed in the README, and with it anyone could
 * create vendors, cancel orders and resolve disputes.
 */
export function requiredEndpoints(config: Config, part: 'api' | 'worker'): Endpoints {
  const missing = [
    !config.databaseUrl && 'DATABASE_URL: required when the API or worker runs on its own',
    !config.temporal.address && 'TEMPORAL_ADDRESS: required when the API or worker runs on its own',
    !config.mail.smtpUrl && 'SMTP_URL: required when the API or worker runs on its own',
    !config.track17.apiKey && 'TRACK17_API_KEY: required when the API or worker runs on its own',
    part === 'api' &&
      !config.platformTokenSet &&
      `PLATFORM_TOKEN: required when the API runs on its own (the default, ${DEV_PLATFORM_TOKEN}, is public and only for npm start)`,
  ].filter((problem): problem is string => Boolean(problem));
  if (missing.length > 0) throw new ConfigError(missing);
  return {
    databaseUrl: config.databaseUrl!,
    temporalAddress: config.temporal.address!,
    smtpUrl: config.mail.smtpUrl!,
    track17: { baseUrl: config.track17.baseUrl, apiKey: config.track17.apiKey! },
  };
}

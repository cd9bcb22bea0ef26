// The one place that reads the environment (PRODUCT §9). Every key has a default so `npm start` runs with
// nothing set; every bad value is reported by name with what was expected.
import { z } from 'zod';
import { type Deadline, parseDeadline, parseDurationMs } from './domain/duration';
import type { OrderPolicy } from './domain/orderPolicy';
import { type TemporalAccess, temporalAccess } from './temporal/temporalAccess';

const duration = (name: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDurationMs(text);
    if (ms === undefined)
      ctx.addIssue({ code: 'custom', message: `${name} must be a duration like 30s, 10m, 24h or 14d` });
    return ms ?? 0;
  });

const url = (name: string, protocols: string[]) =>
  z.string().refine(
    (text) => {
      try {
        return protocols.includes(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    { message: `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/** The platform token `npm start` uses when none is set. It is in the README, so a standalone API refuses it. */
export const DEV_PLATFORM_TOKEN = 'dev-platform-token-change-me';

const EnvSchema = z.object({
  PORT: z.coerce.number({ message: 'PORT must be a port number' }).int().min(0).max(65535).default(3000),
  DATABASE_URL: url('DATABASE_URL', ['postgresql:', 'postgres:']).optional(),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'TEMPORAL_ADDRESS must be host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('dropship-orders'),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  // Where ops open a workflow: the links in ops' emails. npm start's own dev server fills it in.
  TEMPORAL_UI_URL: url('TEMPORAL_UI_URL', ['http:', 'https:']).optional(),
  // Temporal Cloud and clusters behind TLS; the names are the ones Temporal's own CLI and SDKs read.
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: z.enum(['true', 'false'], { message: 'TEMPORAL_TLS must be true or false' }).optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  SMTP_URL: url('SMTP_URL', ['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Dropship Fulfillment <orders@dropship.local>'),
  OPS_EMAIL: z.email('OPS_EMAIL must be an email address').default('ops@dropship.local'),
  PLATFORM_TOKEN: z.string().min(16, 'PLATFORM_TOKEN must be at least 16 characters').default(DEV_PLATFORM_TOKEN),
  // During a rotation: the token being replaced, still accepted until the storefront and ops have switched.
  PLATFORM_TOKEN_PREVIOUS: z.string().min(16, 'PLATFORM_TOKEN_PREVIOUS must be at least 16 characters').optional(),
  PUBLIC_BASE_URL: url('PUBLIC_BASE_URL', ['http:', 'https:']).optional(),
  STOREFRONT_WEBHOOK_URL: url('STOREFRONT_WEBHOOK_URL', ['http:', 'https:']).optional(),
  STOREFRONT_WEBHOOK_SECRET: z
    .string()
    .min(32, 'STOREFRONT_WEBHOOK_SECRET must be at least 32 characters (say, openssl rand -hex 32)')
    .optional(),
  TRACK17_API_KEY: z.string().min(1).optional(),
  TRACK17_BASE_URL: url('TRACK17_BASE_URL', ['http:', 'https:']).default('https://api.17track.net/track/v2.2/'),
  TRACK17_POLL_INTERVAL: duration('TRACK17_POLL_INTERVAL').prefault('6h'),
  TRACK17_NOT_FOUND_ALERT_AFTER: duration('TRACK17_NOT_FOUND_ALERT_AFTER').prefault('7d'),
  SLA_REMINDER_AFTER: duration('SLA_REMINDER_AFTER').prefault('24h'),
  SLA_SECOND_REMINDER_AFTER: duration('SLA_SECOND_REMINDER_AFTER').prefault('48h'),
  SLA_ESCALATE_AFTER: duration('SLA_ESCALATE_AFTER').prefault('72h'),
  SUPPLIER_SHIP_DEADLINE: z
    .string()
    .prefault('5bd')
    .transform((text, ctx): Deadline => {
      const deadline = parseDeadline(text);
      if (!deadline)
        ctx.addIssue({
          code: 'custom',
          message: 'SUPPLIER_SHIP_DEADLINE must be business days like 5bd, or a duration like 72h',
        });
      return deadline ?? { kind: 'duration', ms: 0 };
    }),
  HOLDING_PERIOD: duration('HOLDING_PERIOD').prefault('14d'),
  COMMISSION_RATE: z.coerce
    .number({ message: 'COMMISSION_RATE must be a number' })
    .min(0, 'COMMISSION_RATE must be between 0 and 1')
    .max(1, 'COMMISSION_RATE must be between 0 and 1')
    .default(0.1),
  CUSTOMER_DELIVERED_EMAIL: z
    .enum(['true', 'false'], { message: 'CUSTOMER_DELIVERED_EMAIL must be true or false' })
    .default('true'),
  MAIL_CATCHER_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  MAIL_CATCHER_WEB_PORT: z.coerce.number().int().min(1).max(65535).default(1080),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number({ message: 'WORKER_MAX_CACHED_WORKFLOWS must be a number' })
    .int()
    .min(0)
    .optional(),
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'WORKER_METRICS_ADDRESS must be host:port')
    .optional(),
  RATE_LIMIT_PER_SECOND: z.coerce.number({ message: 'RATE_LIMIT_PER_SECOND must be a number' }).positive().default(20),
  RATE_LIMIT_BURST: z.coerce.number({ message: 'RATE_LIMIT_BURST must be a number' }).int().positive().default(60),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

/** The validated configuration of the service. */
export interface Config {
  port: number;
  publicBaseUrl: string;
  platformToken: string;
  /** False when PLATFORM_TOKEN was not set and the public development default is in use. */
  platformTokenSet: boolean;
  /** The platform token being rotated out, accepted too while set. */
  previousPlatformToken: string | undefined;
  databaseUrl: string | undefined;
  embeddedPostgresPort: number;
  temporal: {
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    uiPort: number;
    /** The Temporal Web UI, for the links in ops' emails; none: those emails carry no link. */
    uiUrl: string | undefined;
    maxCachedWorkflows: number | undefined;
    metricsAddress: string | undefined;
    access: TemporalAccess;
  };
  mail: {
    smtpUrl: string | undefined;
    from: string;
    opsEmail: string;
    catcherSmtpPort: number;
    catcherWebPort: number;
  };
  track17: { apiKey: string | undefined; baseUrl: string; pollIntervalMs: number };
  /** Where the worker posts the change feed, signed with `secret`; none: no webhooks (GET /v1/events still works). */
  storefrontWebhook: { url: string; secret: string } | undefined;
  policy: OrderPolicy;
  rateLimit: { perSecond: number; burst: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** Thrown when the environment holds bad values; `problems` has one line per bad key. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from `env` (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const access = temporalAccess(e, problems);
  if (!(e.SLA_REMINDER_AFTER < e.SLA_SECOND_REMINDER_AFTER && e.SLA_SECOND_REMINDER_AFTER < e.SLA_ESCALATE_AFTER)) {
    problems.push('SLA_REMINDER_AFTER < SLA_SECOND_REMINDER_AFTER < SLA_ESCALATE_AFTER must hold');
  }
  if (e.PLATFORM_TOKEN_PREVIOUS !== undefined && e.PLATFORM_TOKEN_PREVIOUS === e.PLATFORM_TOKEN) {
    problems.push('PLATFORM_TOKEN_PREVIOUS is the same as PLATFORM_TOKEN: set it to the token being replaced');
  }
  if ((e.STOREFRONT_WEBHOOK_URL === undefined) !== (e.STOREFRONT_WEBHOOK_SECRET === undefined)) {
    problems.push('STOREFRONT_WEBHOOK_URL and STOREFRONT_WEBHOOK_SECRET go together: set both, or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    platformToken: e.PLATFORM_TOKEN,
    platformTokenSet: present.PLATFORM_TOKEN !== undefined,
    previousPlatformToken: e.PLATFORM_TOKEN_PREVIOUS,
    databaseUrl: e.DATABASE_URL,
    embeddedPostgresPort: e.EMBEDDED_POSTGRES_PORT,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiPort: e.TEMPORAL_UI_PORT,
      uiUrl: e.TEMPORAL_UI_URL?.replace(/\/+$/, ''),
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      metricsAddress: e.WORKER_METRICS_ADDRESS,
      access,
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      opsEmail: e.OPS_EMAIL,
      catcherSmtpPort: e.MAIL_CATCHER_SMTP_PORT,
      catcherWebPort: e.MAIL_CATCHER_WEB_PORT,
    },
    track17: { apiKey: e.TRACK17_API_KEY, baseUrl: e.TRACK17_BASE_URL, pollIntervalMs: e.TRACK17_POLL_INTERVAL },
    storefrontWebhook:
      e.STOREFRONT_WEBHOOK_URL && e.STOREFRONT_WEBHOOK_SECRET
        ? { url: e.STOREFRONT_WEBHOOK_URL, secret: e.STOREFRONT_WEBHOOK_SECRET }
        : undefined,
    policy: {
      reminderAfterMs: e.SLA_REMINDER_AFTER,
      secondReminderAfterMs: e.SLA_SECOND_REMINDER_AFTER,
      escalateAfterMs: e.SLA_ESCALATE_AFTER,
      supplierShipDeadline: e.SUPPLIER_SHIP_DEADLINE,
      holdingPeriodMs: e.HOLDING_PERIOD,
      notFoundAlertAfterMs: e.TRACK17_NOT_FOUND_ALERT_AFTER,
      commissionRate: e.COMMISSION_RATE,
      customerDeliveredEmail: e.CUSTOMER_DELIVERED_EMAIL === 'true',
    },
    rateLimit: { perSecond: e.RATE_LIMIT_PER_SECOND, burst: e.RATE_LIMIT_BURST },
    logLevel: e.LOG_LEVEL,
  };
}

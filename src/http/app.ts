// The Express app, built without listening (server.ts listens), so tests drive it over real HTTP.
import type { Client } from '@temporalio/client';
import express from 'express';
import type { PrismaClient } from '../db/prismaClient';
import type pg from 'pg';
import type { OrderPolicy } from '../domain/orderPolicy';
import { authenticate, bearerToken, callerOf, hashToken, isPlatformToken, requirePlatform } from './auth';
import { idempotency } from './idempotency';
import { createApiMetrics } from './metrics';
import { type RateLimitOptions, rateLimit } from './rateLimit';
import { dashboardRoutes } from './routes/dashboard';
import { docsRoutes } from './routes/docs';
import { eventRoutes } from './routes/events';
import { CARRIERS } from '../tracking/carriers';
import { errorMiddleware } from './errorMiddleware';
import { HttpError } from './httpError';
import { healthRoutes } from './routes/health';
import { orderRoutes } from './routes/orders';
import { payoutRoutes } from './routes/payouts';
import { newWebhookStats, track17WebhookRoutes } from './routes/track17Webhook';
import { vendorRoutes } from './routes/vendors';
import { refuseUnstorableText } from './storableText';

export interface AppDeps {
  prisma: PrismaClient;
  /** The pool Prisma runs on, for the hand-written SQL of the hot paths (src/db/sql). */
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
  policy: OrderPolicy;
  platformToken: string;
  /** The platform token being rotated out, accepted too until it is unset (PLATFORM_TOKEN_PREVIOUS). */
  previousPlatformToken?: string | undefined;
  /** The 17TRACK API key that signs pushes; without it every push is refused as forged. */
  track17ApiKey?: string | undefined;
  /** Per-token limit for vendors and anonymous callers; the platform token gets ten times as much. */
  rateLimit?: RateLimitOptions;
  log?: (message: string, error?: unknown) => void;
  /** How long a vendor action waits for its workflow (src/orders/orderActions.ts); tests shorten it. */
  actionWaitMs?: number | undefined;
}

/** The API and dashboard app. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error));
  const webhookStats = newWebhookStats();
  const metrics = createApiMetrics({ pool: deps.pool, webhookStats });
  app.use(metrics.requests);
  // Before the JSON parser: the signature is checked on the raw bytes.
  app.use(
    '/v1/webhooks',
    track17WebhookRoutes({ ...deps, track17ApiKey: deps.track17ApiKey, stats: webhookStats, log }),
  );
  app.use(express.json({ limit: '64kb', strict: true }));
  app.use(healthRoutes(deps));
  app.use(docsRoutes());
  app.use(dashboardRoutes());
  const limits = deps.rateLimit ?? { perSecond: 20, burst: 60 };
  // Keyed by the token's hash (or the address without one), before authentication, so guessing tokens is
  // throttled too and no database lookup is spent on a caller over its limit.
  const callerKey = (req: express.Request) => {
    const token = bearerToken(req);
    return token ? hashToken(token) : `ip:${req.ip}`;
  };
  const vendorLimit = rateLimit(limits, callerKey);
  const platformLimit = rateLimit({ perSecond: limits.perSecond * 10, burst: limits.burst * 10 }, callerKey);
  const platformTokens = { current: deps.platformToken, previous: deps.previousPlatformToken };
  const limit: express.RequestHandler = (req, res, next) =>
    (isPlatformToken(bearerToken(req), platformTokens) ? platformLimit : vendorLimit)(req, res, next);
  const authenticated = authenticate(deps.pool, platformTokens, metrics.previousPlatformTokenUsed);
  // For Prometheus (bearer credentials in its scrape config): the backlog is the marketplace's business.
  app.get('/metrics', limit, authenticated, async (req, res) => {
    requirePlatform(callerOf(req));
    const { contentType, body } = await metrics.render();
    res.type(contentType).send(body);
  });
  const v1 = express.Router();
  v1.use(limit);
  v1.use(authenticated);
  v1.use(refuseUnstorableText()); // before the idempotency record, so such a request leaves nothing behind
  v1.use(idempotency(deps.prisma));
  v1.get('/carriers', (_req, res) => {
    res.json({ carriers: CARRIERS });
  });
  v1.use('/vendors', vendorRoutes(deps));
  v1.use('/orders', orderRoutes(deps));
  v1.use('/events', eventRoutes(deps));
  v1.use('/payouts', payoutRoutes(deps));
  v1.get('/ops/webhook-stats', (req, res) => {
    requirePlatform(callerOf(req));
    res.json(webhookStats);
  });
  app.use('/v1', v1);
  app.use((req) => {
    throw new HttpError(404, 'NOT_FOUND', `No route ${req.method} ${req.path}`);
  });
  app.use(errorMiddleware(log));
  return app;
}

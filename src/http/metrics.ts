// Prometheus metrics of an API process, at GET /metrics with the platform token: its requests by route and status
// with their durations, the 17TRACK pushes it took, Node's own process figures, and, read from PostgreSQL at each
// scrape, the backlog ops alert on (open orders, emails not sent, unconfirmed workflow starts). Each API process
// counts its own requests; the backlog is the database's, the same from every process (take max() over them).
// The worker's metrics are the Temporal SDK's own (WORKER_METRICS_ADDRESS).
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { selectServiceBacklog } from '../db/sql/serviceBacklog';
import type { Queryable } from '../db/sql/sqlTemplate';
import { OPEN_STATUSES } from '../domain/orderStatus';
import { withinMs } from '../timeLimit';
import { ROUTES } from './openapi';
import type { WebhookStats } from './routes/track17Webhook';

/** A scrape waits this long for the database, then reports it as unreachable rather than hang the scraper. */
const BACKLOG_TIMEOUT_MS = 2000;

/** Documented routes as patterns, so a request is labelled with its route (`/v1/orders/{id}`), never its raw path. */
const ROUTE_PATTERNS = ROUTES.map((route) => ({
  method: route.method.toUpperCase(),
  path: route.path,
  pattern: new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/\{id\}/g, '[^/]+')}$`),
}));

/** The label of a request: its documented route, or one of a few fixed names, so the series stay few. */
export function routeLabel(method: string, path: string): string {
  const route = ROUTE_PATTERNS.find((r) => r.method === method && r.pattern.test(path));
  if (route) return route.path;
  if (path === '/metrics') return '/metrics';
  if (path.startsWith('/dashboard')) return '/dashboard';
  if (path.startsWith('/docs')) return '/docs';
  return 'other';
}

export interface ApiMetrics {
  /** Counts and times every request; mount it first. */
  requests: RequestHandler;
  /** The text exposition of everything, the backlog read now. */
  render(): Promise<{ contentType: string; body: string }>;
  /** Counts one request made with the platform token being rotated out. */
  previousPlatformTokenUsed(): void;
}

/** The metrics of one API process. */
export function createApiMetrics({ pool, webhookStats }: { pool: Queryable; webhookStats: WebhookStats }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requestsTotal = new Counter({
    name: 'dropship_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'dropship_http_request_duration_seconds',
    help: 'Time from a request to the end of its response, by method and route',
    labelNames: ['method', 'route'] as const,
    // Up to the vendor action's 15 s wait for its workflow, past which it is 503 ACTION_NOT_CONFIRMED.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [registry],
  });
  new Counter({
    name: 'dropship_track17_pushes_total',
    help: '17TRACK pushes this process took, by what became of them',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [result, count] of Object.entries(webhookStats) as [string, number][]) this.inc({ result }, count);
    },
  });

  // A rotation of the platform token is over once this stops growing on every API process: PLATFORM_TOKEN_PREVIOUS
  // can then be unset.
  const previousPlatformToken = new Counter({
    name: 'dropship_platform_token_previous_requests_total',
    help: 'Requests this process took with PLATFORM_TOKEN_PREVIOUS, the platform token being rotated out',
    registers: [registry],
  });

  const databaseUp = new Gauge({
    name: 'dropship_backlog_database_up',
    help: '1 when the last scrape read the backlog from PostgreSQL, 0 when it could not (the backlog is then absent)',
    registers: [registry],
  });
  const openOrders = new Gauge({
    name: 'dropship_orders_open',
    help: 'Orders whose workflow is still running, by status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const slaBreached = new Gauge({
    name: 'dropship_orders_sla_breached',
    help: 'Orders still awaiting the supplier purchase past their first reminder (SLA_REMINDER_AFTER)',
    registers: [registry],
  });
  const emailsUnsent = new Gauge({
    name: 'dropship_emails_unsent',
    help: 'Emails not sent: waiting (being sent, or never sent), deferred (an SMTP failure; the outbox relay sends them), refused (for good)',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  const oldestUnsentEmail = new Gauge({
    name: 'dropship_email_oldest_unsent_age_seconds',
    help: 'Age of the oldest email waiting or deferred (0 when none)',
    registers: [registry],
  });
  const pendingStarts = new Gauge({
    name: 'dropship_workflow_starts_pending',
    help: 'Orders taken in whose workflow start is not confirmed yet (the intake repair starts those older than a minute)',
    registers: [registry],
  });
  const oldestPendingStart = new Gauge({
    name: 'dropship_workflow_start_oldest_pending_age_seconds',
    help: 'Age of the oldest unconfirmed workflow start (0 when none)',
    registers: [registry],
  });
  const webhookFailures = new Gauge({
    name: 'dropship_storefront_webhook_failures',
    help: 'Storefront webhook attempts not taken (error status, redirect, no answer) since the last one taken; events wait meanwhile',
    registers: [registry],
  });
  const disputesOpen = new Gauge({
    name: 'dropship_disputes_open',
    help: "Orders with a dispute open (delivered: the vendor's earnings held; shipped: the customer says it never arrived) until the platform resolves it",
    registers: [registry],
  });
  const oldestOpenDispute = new Gauge({
    name: 'dropship_dispute_oldest_open_age_seconds',
    help: 'Age of the oldest open dispute (0 when none); nothing resolves one but the platform',
    registers: [registry],
  });
  const trackingUnregistered = new Gauge({
    name: 'dropship_tracking_awaiting_registration',
    help: "Tracking numbers 17TRACK refused to register for the account's quota (daily limit or exhausted): those orders shipped, but no carrier news comes until the tracking refresh registers them",
    registers: [registry],
  });
  const backlogGauges = [
    openOrders,
    slaBreached,
    emailsUnsent,
    oldestUnsentEmail,
    pendingStarts,
    oldestPendingStart,
    webhookFailures,
    disputesOpen,
    oldestOpenDispute,
    trackingUnregistered,
  ];

  async function readBacklog(): Promise<void> {
    try {
      const backlog = await withinMs(selectServiceBacklog(pool, new Date()), BACKLOG_TIMEOUT_MS);
      for (const status of OPEN_STATUSES) openOrders.set({ status }, backlog.openOrders[status] ?? 0);
      slaBreached.set(backlog.slaBreached);
      emailsUnsent.set({ state: 'waiting' }, backlog.emailsWaiting);
      emailsUnsent.set({ state: 'deferred' }, backlog.emailsDeferred);
      emailsUnsent.set({ state: 'refused' }, backlog.emailsRefused);
      oldestUnsentEmail.set(backlog.oldestUnsentEmailSeconds ?? 0);
      pendingStarts.set(backlog.pendingStarts);
      oldestPendingStart.set(backlog.oldestPendingStartSeconds ?? 0);
      webhookFailures.set(backlog.storefrontWebhookFailures);
      disputesOpen.set(backlog.disputesOpen);
      oldestOpenDispute.set(backlog.oldestOpenDisputeSeconds ?? 0);
      trackingUnregistered.set(backlog.trackingAwaitingRegistration);
      databaseUp.set(1);
    } catch {
      // A stale figure would read as a current one: report the database down and leave the backlog out.
      for (const gauge of backlogGauges) gauge.reset();
      databaseUp.set(0);
    }
  }

  return {
    requests(req, res, next) {
      const start = performance.now();
      res.on('finish', () => {
        // originalUrl: routers rewrite req.url as they route, and a response can finish inside one or outside.
        const route = routeLabel(req.method, req.originalUrl.split('?')[0]!);
        requestsTotal.inc({ method: req.method, route, status: String(res.statusCode) });
        requestSeconds.observe({ method: req.method, route }, (performance.now() - start) / 1000);
      });
      next();
    },
    async render() {
      await readBacklog();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    previousPlatformTokenUsed() {
      previousPlatformToken.inc();
    },
  };
}

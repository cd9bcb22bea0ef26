// The API's metrics without a server: how a request is labelled, and a scrape while the database is away.
import { describe, expect, it } from 'vitest';
import { createApiMetrics, routeLabel } from '../../src/http/metrics';
import { newWebhookStats } from '../../src/http/routes/track17Webhook';
import type { ServiceBacklog } from '../../src/db/sql/serviceBacklog';
import { parseSamples, sampleValue } from '../support/prometheusText';

describe('routeLabel', () => {
  it('names a request by its documented route, so ids never become series of their own', () => {
    expect(routeLabel('POST', '/v1/orders/ord_0a1b2c/supplier-order')).toBe('/v1/orders/{id}/supplier-order');
    expect(routeLabel('POST', '/v1/orders/ord_0a1b2c/dispute/resolve')).toBe('/v1/orders/{id}/dispute/resolve');
    expect(routeLabel('GET', '/v1/orders/ord_0a1b2c')).toBe('/v1/orders/{id}');
    expect(routeLabel('GET', '/v1/vendors/me')).toBe('/v1/vendors/me');
    expect(routeLabel('GET', '/v1/vendors/ven_123')).toBe('/v1/vendors/{id}');
    expect(routeLabel('POST', '/v1/webhooks/17track')).toBe('/v1/webhooks/17track');
  });

  it('puts everything else under a few fixed names', () => {
    expect(routeLabel('GET', '/dashboard/app.js')).toBe('/dashboard');
    expect(routeLabel('GET', '/docs/assets/swagger-ui.css')).toBe('/docs');
    expect(routeLabel('GET', '/v1/orders/ord_1/../../etc/passwd')).toBe('other');
    expect(routeLabel('DELETE', '/v1/orders/ord_1')).toBe('other');
    expect(routeLabel('GET', `/${'x'.repeat(500)}`)).toBe('other');
  });
});

describe('a scrape while the database is away', () => {
  it('reports the database down and leaves the backlog out, rather than failing or showing old figures', async () => {
    // Typed, so a figure added to the backlog must be added here too (a missing one would read as the database down).
    const backlog: ServiceBacklog = {
      openOrders: { SHIPPED: 3 },
      slaBreached: 1,
      emailsWaiting: 0,
      emailsDeferred: 2,
      emailsRefused: 0,
      oldestUnsentEmailSeconds: 90,
      pendingStarts: 0,
      oldestPendingStartSeconds: null,
      storefrontWebhookFailures: 0,
      disputesOpen: 2,
      oldestOpenDisputeSeconds: 86_400,
      trackingAwaitingRegistration: 4,
    };
    let down = false;
    const pool = {
      query: () => {
        if (down) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
        return Promise.resolve({
          rows: [backlog],
        });
      },
    } as never;
    const metrics = createApiMetrics({ pool, webhookStats: newWebhookStats() });
    const up = parseSamples((await metrics.render()).body);
    expect(sampleValue(up, 'dropship_backlog_database_up')).toBe(1);
    expect(sampleValue(up, 'dropship_orders_open', { status: 'SHIPPED' })).toBe(3);
    expect(sampleValue(up, 'dropship_emails_unsent', { state: 'deferred' })).toBe(2);
    expect(sampleValue(up, 'dropship_orders_sla_breached')).toBe(1);
    expect(sampleValue(up, 'dropship_disputes_open')).toBe(2);
    expect(sampleValue(up, 'dropship_tracking_awaiting_registration')).toBe(4);

    down = true;
    const away = parseSamples((await metrics.render()).body);
    expect(sampleValue(away, 'dropship_backlog_database_up')).toBe(0);
    expect(away.filter((s) => s.name === 'dropship_orders_open' || s.name === 'dropship_emails_unsent')).toEqual([]);
    expect(sampleValue(away, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

// Drill 5: malformed and hostile requests to every route, with every kind of caller: no 5xx, no state change,
// every error in the PRODUCT §6 shape.
import { randomInt } from 'node:crypto';
import { ROUTES } from '../../src/http/openapi';
import { signPush } from '../../src/tracking/track17Signature';
import { apiAs } from '../../test/support/api';
import { dropshipOrderBody, supplierOrderBody } from '../../test/support/fixtures';
import { inParallel } from '../harness';
import type { DrillRun, Vendor } from './drillKit';

const HOSTILE_STRINGS = [
  '\' OR 1=1; DROP TABLE "Order"; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '\u0000\u202e\ud83d\ude00 ZWJ\u200d',
  'x'.repeat(5000),
  '{{7*7}}',
  'ord_' + 'a'.repeat(40),
];
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  NaN,
  [],
  {},
  [1, 2],
  { __proto__: { admin: true } },
  ...HOSTILE_STRINGS,
];

/** An order whose every line is within its own limits (1,000 at the top price, 100 lines), so its totals are not. */
function orderAtEveryLimit(vendorId: string) {
  const order = dropshipOrderBody(vendorId);
  const line = order.items[0]!;
  const top = { amount: 100_000_000, currency: 'USD' };
  return {
    ...order,
    items: Array.from({ length: 100 }, () => ({
      ...line,
      quantity: 1000,
      unitPrice: top,
      dropship: { ...line.dropship, supplierCost: top },
    })),
  };
}

/** A body of the right shape for `path` with one string PostgreSQL cannot store (a NUL, an unpaired surrogate). */
function withUnstorableText(path: string, vendorId: string): unknown {
  const text = pick(['duplicate\u0000order', 'Ana \ud800']);
  if (path === '/v1/orders') {
    const order = dropshipOrderBody(vendorId);
    return { ...order, customer: { ...order.customer, name: text } };
  }
  if (path === '/v1/vendors') return { name: text, email: 'fuzz@example.com' };
  if (path.endsWith('/supplier-order')) return { ...supplierOrderBody(), supplierOrderId: text };
  if (path.endsWith('/tracking')) return { trackingNumber: text };
  if (path.endsWith('/customer-email')) return { email: `${text}@example.com` };
  if (path.endsWith('/payouts')) return { externalId: text, amount: { amount: 1, currency: 'USD' } };
  return { reason: text };
}

function pick<T>(items: readonly T[]): T {
  return items[randomInt(0, items.length)]!;
}

export async function drillFuzzer(run: DrillRun, vendorA: Vendor, vendorB: Vendor): Promise<void> {
  const { h, quick, record } = run;
  const total = quick ? 2000 : 10_000;
  // An order of vendor A that every request aims at, directly or through another caller.
  const target: string = (await h.platform.post('/v1/orders', dropshipOrderBody(vendorA.id))).body.order.id;
  const snapshot = async () => {
    const orders = await h.platform.get('/v1/orders?limit=100');
    const order = (await h.platform.get(`/v1/orders/${target}`)).body.order;
    return JSON.stringify({
      count: orders.body.orders.length,
      status: order.status,
      events: order.events.length,
      vendors: (await h.platform.post('/v1/vendors', 'x')).status,
      payouts: await Promise.all(
        [vendorA, vendorB].map(async (v) => (await h.platform.get(`/v1/vendors/${v.id}/payouts`)).body.payouts.length),
      ),
    });
  };
  const before = await snapshot();
  const tokens = [undefined, 'garbage', 'dfv_forged', vendorA, vendorB, 'platform'] as const;
  const fiveXX: string[] = [];
  let badShape = 0;
  const ids = [target, 'ord_doesnotexist', `${target}x`, '../orders', '%00', 'ord_' + 'z'.repeat(41)];
  await inParallel(Array.from({ length: total }), 16, async () => {
    const route = pick(ROUTES);
    const token = pick(tokens);
    const api = token === 'platform' ? h.platform : typeof token === 'object' ? token.api : apiAs(h.baseUrl, token);
    const path = route.path.replace(/\{\w+\}/g, () => encodeURIComponent(pick(ids))); // {id}, {payoutId}
    let body: unknown;
    const headers: Record<string, string> = {};
    if (route.method !== 'get') {
      const roll = randomInt(0, 7);
      // Every body is invalid by construction: an unknown top-level field (strict schemas), a wrong type,
      // raw bytes that are not JSON, every field at its own limit in an order no order can hold, text
      // PostgreSQL cannot store in a body of the right shape, or a forged webhook signature.
      if (roll === 0) body = '{"externalId": "x", ';
      else if (roll === 6) body = JSON.stringify(withUnstorableText(route.path, vendorB.id));
      else if (roll === 1) body = JSON.stringify(pick(HOSTILE_VALUES));
      else if (roll === 2)
        body = JSON.stringify({
          ...dropshipOrderBody(vendorB.id),
          [pick(['status', 'vendor', '__proto__', 'earnings'])]: pick(HOSTILE_VALUES),
        });
      else if (roll === 5) body = JSON.stringify(orderAtEveryLimit(vendorB.id));
      else if (roll === 3)
        body = JSON.stringify({
          ...supplierOrderBody(),
          shipTo: pick(HOSTILE_VALUES),
          amountPaid: { amount: pick(HOSTILE_VALUES), currency: 'usd' },
        });
      else
        body = JSON.stringify({
          reason: pick(HOSTILE_VALUES),
          outcome: pick(HOSTILE_STRINGS),
          trackingNumber: pick(HOSTILE_VALUES),
          extra: 1,
        });
      if (route.path.includes('webhooks')) headers.sign = signPush(String(body), 'not-the-key');
      if (randomInt(0, 10) === 0)
        headers['content-type'] = pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=utf-7',
        ]);
    }
    const query =
      route.method === 'get' && randomInt(0, 2) === 0
        ? `?${pick([
            'status=SHIPPED;DROP',
            'limit=-5',
            'cursor=%ff%fe',
            'vendorId[]=x',
            'admin=true',
            'limit=1e9',
            'supplier=cj%27%20OR%201=1',
            'createdBefore=9999-99-99',
            'createdAfter=0001-01-01T00:00:00Z',
            'createdBefore=9999-12-31T23:59:59.999%2B14:00',
            `supplierOrderId=${'9'.repeat(101)}`,
            'trackingNumber=%00RR1',
            'trackingNumber=',
          ])}`
        : '';
    const response = await api
      .call(route.method.toUpperCase(), `${path}${query}`, body, headers)
      .catch(() => ({ status: 0, body: undefined }));
    if (response.status >= 500 || response.status === 0) fiveXX.push(`${route.method} ${path} → ${response.status}`);
    else if (
      response.status >= 400 &&
      !(
        response.body?.error?.code &&
        response.body?.error?.message &&
        typeof response.body?.error?.details === 'object'
      )
    )
      badShape += 1;
  });
  const after = await snapshot();
  record(
    `5. fuzzer: ${total} malformed or hostile requests`,
    fiveXX.length === 0 && badShape === 0 && before === after,
    `${fiveXX.length} × 5xx${fiveXX.length ? ` (e.g. ${fiveXX[0]})` : ''}, ${badShape} errors off-shape, state ${before === after ? 'unchanged' : `CHANGED ${before} → ${after}`}`,
  );
}

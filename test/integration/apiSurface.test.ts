// The API's surface (PRODUCT §6, issue "vendor surface"): who may call what, the OpenAPI document,
// Idempotency-Key, the per-token rate limit, limits on input, and fields the server owns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/http/openapi';
import {
  ChangeFeedSchema,
  EarningsSchema,
  OrderCountsSchema,
  OrderEmailsSchema,
  OrderListSchema,
  OrderSchema,
  VendorListSchema,
  VendorSchema,
  VendorWithTokenSchema,
} from '../../src/http/responseSchemas';
import { ABANDONED_AFTER_MS, requestHashOf } from '../../src/http/idempotency';
import { LONGEST_ACTION_MS } from '../../src/orders/orderActions';
import { expectDocumented } from '../support/documentedShape';
import {
  CUSTOMER_ADDRESS,
  dropshipLine,
  dropshipOrderBody,
  regularOrderBody,
  supplierOrderBody,
} from '../support/fixtures';
import { newTrackingNumber, placeOrder, shipOrder } from '../support/orderFlow';
import { type Api, type TestStack, apiAs, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendorA: Awaited<ReturnType<TestStack['createVendor']>>;
let vendorB: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack({ rateLimit: { perSecond: 50, burst: 100 } });
  vendorA = await stack.createVendor('Vendor A');
  vendorB = await stack.createVendor('Vendor B');
});
afterAll(async () => stack?.stop());

type Role = 'anonymous' | 'vendor A' | 'vendor B' | 'platform';
const ROLES: Role[] = ['anonymous', 'vendor A', 'vendor B', 'platform'];

/** Each route with a request that is valid for the owner, and the status each role must get. Orders belong to vendor A. */
const MATRIX: {
  route: string;
  request: (orderId: string) => [string, string, unknown?];
  expect: Record<Role, number>;
  /** Runs after each cell's response; the token row uses it to hand vendor A the token it was just given. */
  after?: (response: { status: number; body: any }) => void;
}[] = [
  {
    route: 'POST /v1/vendors',
    request: () => ['POST', '/v1/vendors', { name: 'New', email: 'new@example.com' }],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 403, platform: 201 },
  },
  {
    route: 'GET /v1/vendors',
    request: () => ['GET', '/v1/vendors?limit=1'],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 403, platform: 200 },
  },
  {
    route: 'GET /v1/vendors/me',
    request: () => ['GET', '/v1/vendors/me'],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 200, platform: 403 },
  },
  {
    route: 'GET /v1/vendors/{id}',
    request: () => ['GET', `/v1/vendors/${vendorA.id}`],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 404, platform: 200 },
  },
  {
    route: 'PATCH /v1/vendors/{id}',
    request: () => ['PATCH', `/v1/vendors/${vendorA.id}`, { name: 'Vendor A' }],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 404, platform: 200 },
  },
  {
    route: 'POST /v1/vendors/{id}/token',
    request: () => ['POST', `/v1/vendors/${vendorA.id}/token`, {}],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 404, platform: 200 },
    after: (response) => {
      if (response.status === 200)
        vendorA = { ...vendorA, token: response.body.token, api: apiAs(stack.baseUrl, response.body.token) };
    },
  },
  {
    route: 'GET /v1/vendors/{id}/earnings',
    request: () => ['GET', `/v1/vendors/${vendorA.id}/earnings`],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 404, platform: 200 },
  },
  {
    // Vendor A has nothing available to pay out, so the platform, the one caller allowed, gets the 409 that says so
    // (a payout that fits: test/integration/vendorPayouts.test.ts).
    route: 'POST /v1/vendors/{id}/payouts',
    request: () => [
      'POST',
      `/v1/vendors/${vendorA.id}/payouts`,
      { externalId: 'po-1', amount: { amount: 1, currency: 'USD' } },
    ],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 403, platform: 409 },
  },
  {
    // Vendor A has no payouts, so the platform gets the 404 that says so (a return: vendorPayouts.test.ts).
    route: 'POST /v1/vendors/{id}/payouts/{payoutId}/return',
    request: () => ['POST', `/v1/vendors/${vendorA.id}/payouts/pay_${'0'.repeat(32)}/return`, { reason: 'bounced' }],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 403, platform: 404 },
  },
  {
    route: 'GET /v1/vendors/{id}/payouts',
    request: () => ['GET', `/v1/vendors/${vendorA.id}/payouts`],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 404, platform: 200 },
  },
  {
    route: 'GET /v1/payouts/due',
    request: () => ['GET', '/v1/payouts/due'],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 403, platform: 200 },
  },
  {
    route: 'GET /v1/payouts/owing',
    request: () => ['GET', '/v1/payouts/owing'],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 403, platform: 200 },
  },
  {
    route: 'GET /v1/carriers',
    request: () => ['GET', '/v1/carriers'],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 200, platform: 200 },
  },
  {
    route: 'POST /v1/orders',
    request: () => ['POST', '/v1/orders', dropshipOrderBody(vendorA.id)],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 403, platform: 201 },
  },
  {
    route: 'GET /v1/orders',
    request: () => ['GET', '/v1/orders'],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 200, platform: 200 },
  },
  {
    route: 'GET /v1/orders/counts',
    request: () => ['GET', '/v1/orders/counts'],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 200, platform: 200 },
  },
  {
    route: 'GET /v1/orders/{id}',
    request: (id) => ['GET', `/v1/orders/${id}`],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 404, platform: 200 },
  },
  {
    route: 'GET /v1/orders/{id}/emails',
    request: (id) => ['GET', `/v1/orders/${id}/emails`],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 404, platform: 200 },
  },
  {
    route: 'POST /v1/orders/{id}/supplier-order',
    request: (id) => ['POST', `/v1/orders/${id}/supplier-order`, supplierOrderBody()],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 404, platform: 403 },
  },
  {
    route: 'POST /v1/orders/{id}/tracking',
    request: (id) => ['POST', `/v1/orders/${id}/tracking`, { trackingNumber: newTrackingNumber() }],
    expect: { anonymous: 401, 'vendor A': 409, 'vendor B': 404, platform: 403 },
  },
  {
    route: 'POST /v1/orders/{id}/delivered',
    request: (id) => ['POST', `/v1/orders/${id}/delivered`, {}],
    expect: { anonymous: 401, 'vendor A': 409, 'vendor B': 404, platform: 403 },
  },
  {
    route: 'POST /v1/orders/{id}/cancel',
    request: (id) => ['POST', `/v1/orders/${id}/cancel`, { reason: 'test' }],
    expect: { anonymous: 401, 'vendor A': 200, 'vendor B': 404, platform: 200 },
  },
  {
    route: 'POST /v1/orders/{id}/shipping-address',
    request: (id) => [
      'POST',
      `/v1/orders/${id}/shipping-address`,
      { shippingAddress: { ...CUSTOMER_ADDRESS, line1: 'Rua de Santa Catarina 1' } },
    ],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 404, platform: 200 },
  },
  {
    route: 'POST /v1/orders/{id}/customer-email',
    request: (id) => ['POST', `/v1/orders/${id}/customer-email`, { email: 'ana.silva@example.com' }],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 404, platform: 200 },
  },
  {
    route: 'POST /v1/orders/{id}/dispute',
    request: (id) => ['POST', `/v1/orders/${id}/dispute`, { reason: 'test' }],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 404, platform: 409 },
  },
  {
    route: 'POST /v1/orders/{id}/dispute/resolve',
    request: (id) => ['POST', `/v1/orders/${id}/dispute/resolve`, { outcome: 'vendor' }],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 404, platform: 409 },
  },
  {
    route: 'POST /v1/orders/{id}/chargeback',
    request: (id) => ['POST', `/v1/orders/${id}/chargeback`, { reason: 'Chargeback' }],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 404, platform: 409 },
  },
  {
    route: 'GET /v1/events',
    request: () => ['GET', '/v1/events?limit=1'],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 403, platform: 200 },
  },
  {
    route: 'GET /v1/ops/webhook-stats',
    request: () => ['GET', '/v1/ops/webhook-stats'],
    expect: { anonymous: 401, 'vendor A': 403, 'vendor B': 403, platform: 200 },
  },
];

function apiFor(role: Role): Api {
  return {
    anonymous: apiAs(stack.baseUrl, undefined),
    'vendor A': vendorA.api,
    'vendor B': vendorB.api,
    platform: stack.platform,
  }[role];
}

describe('route × role matrix', () => {
  it('gives every role exactly its status on every route (another vendor’s order is always 404)', async () => {
    const results: Record<string, Record<Role, number>> = {};
    for (const row of MATRIX) {
      results[row.route] = {} as Record<Role, number>;
      for (const role of ROLES) {
        const { order } = await placeOrder(stack, vendorA.id); // a fresh order per cell: no cell sees another's effects
        const [method, path, body] = row.request(order.id);
        const response = await apiFor(role).call(method, path, body);
        results[row.route]![role] = response.status;
        row.after?.(response);
        if (response.status >= 400)
          expect(response.body.error, `${row.route} as ${role}`).toMatchObject({
            code: expect.any(String),
            message: expect.any(String),
          });
      }
    }
    console.log(
      `route × role (anonymous, vendor A = owner, vendor B, platform):\n${Object.entries(results)
        .map(([route, r]) => `  ${route.padEnd(40)} ${ROLES.map((role) => r[role]).join('  ')}`)
        .join('\n')}`,
    );
    expect(results).toEqual(Object.fromEntries(MATRIX.map((row) => [row.route, row.expect])));
  });

  it('lists only the caller’s own orders to a vendor', async () => {
    await placeOrder(stack, vendorA.id);
    const mine = await vendorB.api.get('/v1/orders');
    expect(mine.body.orders.every((o: { vendorId: string }) => o.vendorId === vendorB.id)).toBe(true);
    const theirs = await vendorA.api.get('/v1/orders?limit=5');
    expect(theirs.body.orders.length).toBe(5);
    expect(theirs.body.orders.every((o: { vendorId: string }) => o.vendorId === vendorA.id)).toBe(true);
  });

  it('finds an order by the storefront’s externalId, for the platform and its own vendor only', async () => {
    const { order, body } = await placeOrder(stack, vendorA.id);
    const path = `/v1/orders?externalId=${encodeURIComponent(body.externalId)}`;
    const found = await stack.platform.get(path);
    expect(found.status).toBe(200);
    expect(found.body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await vendorA.api.get(path)).body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await vendorB.api.get(path)).body.orders).toEqual([]);
    expect((await stack.platform.get('/v1/orders?externalId=SHOP-none')).body.orders).toEqual([]);
  });

  it('finds an order by its supplier order number and by its tracking number, as they are quoted', async () => {
    const { order } = await placeOrder(stack, vendorA.id);
    const trackingNumber = newTrackingNumber();
    const { supplierOrder } = await shipOrder(vendorA.api, order.id, trackingNumber);
    const ids = async (api: Api, query: string) =>
      (await api.get(`/v1/orders?${query}`)).body.orders.map((o: { id: string }) => o.id);
    const bySupplier = `supplierOrderId=${encodeURIComponent(supplierOrder.supplierOrderId)}`;
    expect(await ids(vendorA.api, bySupplier)).toEqual([order.id]);
    expect(await ids(stack.platform, bySupplier)).toEqual([order.id]);
    expect(await ids(vendorB.api, bySupplier)).toEqual([]);
    // A customer reads it out with spaces, a carrier's page shows it with dashes, in any case.
    const quoted = `${trackingNumber.slice(0, 2).toLowerCase()} ${trackingNumber.slice(2, 6)}-${trackingNumber.slice(6)}`;
    expect(await ids(vendorA.api, `trackingNumber=${encodeURIComponent(quoted)}`)).toEqual([order.id]);
    expect(await ids(vendorB.api, `trackingNumber=${trackingNumber}`)).toEqual([]);
    expect(await ids(vendorA.api, 'trackingNumber=RR000000000XX')).toEqual([]);
    expect((await vendorA.api.get(`/v1/orders?supplierOrderId=${'9'.repeat(101)}`)).status).toBe(422);
  });

  it('finds orders by supplier and by age, as ops look for them', async () => {
    const vendor = await stack.createVendor('Filters');
    const { order: fromAliExpress } = await placeOrder(stack, vendor.id);
    const cjLine = dropshipLine();
    const { order: fromCj } = await placeOrder(stack, vendor.id, {
      items: [
        {
          ...cjLine,
          dropship: { ...cjLine.dropship, supplier: 'cj', productUrl: 'https://cjdropshipping.com/product/p-1.html' },
        },
      ],
    });
    const { order: regular } = (await stack.platform.post('/v1/orders', regularOrderBody(vendor.id))).body;
    const ids = async (api: Api, query: string) => {
      const response = await api.get(`/v1/orders?${query}`);
      expect(response.status).toBe(200);
      return response.body.orders.map((o: { id: string }) => o.id);
    };
    expect(await ids(stack.platform, `vendorId=${vendor.id}&supplier=cj`)).toEqual([fromCj.id]);
    expect(await ids(stack.platform, `vendorId=${vendor.id}&supplier=aliexpress`)).toEqual([fromAliExpress.id]);
    expect(await ids(vendor.api, 'supplier=cj')).toEqual([fromCj.id]);
    // Before an instant is strictly older; at or after includes the order created at it.
    const at = encodeURIComponent(fromCj.createdAt);
    expect(await ids(stack.platform, `vendorId=${vendor.id}&createdBefore=${at}`)).toEqual([fromAliExpress.id]);
    expect(await ids(vendor.api, `createdAfter=${at}`)).toEqual([regular.id, fromCj.id]);
    expect(await ids(vendor.api, `createdAfter=${at}&createdBefore=${encodeURIComponent(regular.createdAt)}`)).toEqual([
      fromCj.id,
    ]);
    // The same instant written with a +01:00 offset (Paris in winter) means the same.
    const inParis = new Date(Date.parse(fromCj.createdAt) + 3_600_000).toISOString().replace('Z', '+01:00');
    expect(await ids(vendor.api, `createdBefore=${encodeURIComponent(inParis)}`)).toEqual([fromAliExpress.id]);
    // (Last, as the newest order.) Bought at the other supplier: listed under the one it was bought from too.
    const { order: switched } = await placeOrder(stack, vendor.id);
    const bought = await vendor.api.post(`/v1/orders/${switched.id}/supplier-order`, {
      ...supplierOrderBody(),
      supplier: 'cj',
    });
    expect(bought.status).toBe(200);
    expect(await ids(vendor.api, 'supplier=cj')).toEqual([switched.id, fromCj.id]);
    expect(await ids(vendor.api, 'supplier=aliexpress')).toEqual([switched.id, fromAliExpress.id]);
    for (const bad of ['supplier=amazon', 'createdBefore=yesterday', 'createdAfter=2026-13-01T00:00:00Z']) {
      const response = await vendor.api.get(`/v1/orders?${bad}`);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('counts a vendor’s open orders by status, its own only, for the vendor and the platform', async () => {
    const counter = await stack.createVendor('Counter');
    const { order } = await placeOrder(stack, counter.id);
    await placeOrder(stack, counter.id);
    expect((await counter.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody())).status).toBe(200);
    await stack.platform.post('/v1/orders', dropshipOrderBody(vendorA.id)); // another vendor's: not counted
    const counts = (await counter.api.get('/v1/orders/counts')).body;
    expect(counts).toEqual({
      open: { AWAITING_SUPPLIER_ORDER: 1, AWAITING_SHIPMENT: 0, SUPPLIER_ORDERED: 1, SHIPPED: 0, DELIVERED: 0 },
      overdue: 0,
    });
    expect((await stack.platform.get(`/v1/orders/counts?vendorId=${counter.id}`)).body).toEqual(counts);
    // A vendor naming another vendor is still counted as itself: the parameter is the platform's.
    expect((await counter.api.get(`/v1/orders/counts?vendorId=${vendorA.id}`)).body).toEqual(counts);
    const all = (await stack.platform.get('/v1/orders/counts')).body;
    expect(all.open.AWAITING_SUPPLIER_ORDER).toBeGreaterThan(1);
  });

  it('pages through orders with a cursor, newest first, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await vendorA.api.get(`/v1/orders?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.orders.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await stack.prisma.order.count({ where: { vendorId: vendorA.id } }));
    expect((await vendorA.api.get('/v1/orders?cursor=garbage')).body.error.code).toBe('INVALID_CURSOR');
  });
});

describe('fields the server owns', () => {
  it.each([
    ['supplier-order', { ...supplierOrderBody(), status: 'COMPLETED' }],
    ['tracking', { trackingNumber: 'RR123456789CN', vendorId: 'ven_x' }],
    ['delivered', { earnings: { amount: 1 } }],
  ])('refuses %s with a server-owned field, changing nothing', async (action, body) => {
    const { order } = await placeOrder(stack, vendorA.id);
    const response = await vendorA.api.post(`/v1/orders/${order.id}/${action}`, body);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect((await vendorA.api.get(`/v1/orders/${order.id}`)).body.order.events).toHaveLength(1);
  });
});

describe('Server-Timing', () => {
  const stepsOf = (response: { headers: Headers }) =>
    (response.headers.get('server-timing') ?? '').split(', ').map((entry) => entry.split(';dur='));

  it('splits a vendor action and an order read into their steps, each with a duration', async () => {
    const { order } = await placeOrder(stack, vendorA.id);
    const action = await vendorA.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody());
    expect(action.status).toBe(200);
    expect(stepsOf(action).map(([name]) => name)).toEqual(['auth', 'read', 'workflow', 'reread']);
    const read = await vendorA.api.get(`/v1/orders/${order.id}`);
    expect(stepsOf(read).map(([name]) => name)).toEqual(['auth', 'read']);
    for (const [, duration] of [...stepsOf(action), ...stepsOf(read)]) expect(Number(duration)).toBeGreaterThan(0);
  });

  it('is documented on exactly the routes that send it', async () => {
    const { paths } = (await stack.platform.get('/v1/openapi.json')).body;
    const documented = Object.entries(paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) =>
        Object.values(operation.responses as Record<string, { headers?: object }>).some(
          (response) => response.headers && 'Server-Timing' in response.headers,
        )
          ? [`${method.toUpperCase()} ${path}`]
          : [],
      ),
    );
    expect(documented.sort()).toEqual(
      [
        'GET /v1/orders/{id}',
        ...[
          'supplier-order',
          'tracking',
          'delivered',
          'cancel',
          'shipping-address',
          'customer-email',
          'dispute',
          'dispute/resolve',
        ].map((action) => `POST /v1/orders/{id}/${action}`),
      ].sort(),
    );
  });
});

describe('input limits', () => {
  it('answers a body over 64 kB with 413 and an over-long field with 422 naming it', async () => {
    const huge = await stack.platform.post('/v1/orders', {
      ...dropshipOrderBody(vendorA.id),
      padding: 'x'.repeat(70_000),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const long = await stack.platform.post('/v1/orders', {
      ...dropshipOrderBody(vendorA.id),
      externalId: 'x'.repeat(201),
    });
    expect(long.status).toBe(422);
    expect(long.body.error.details.issues[0].path).toBe('externalId');
  });

  it('refuses text PostgreSQL cannot store with 422 naming the field, and the order takes its next action', async () => {
    // A NUL character or an unpaired surrogate passes every schema and fails the write that follows.
    for (const bad of ['Ana\u0000Silva', 'Lamp \ud800']) {
      const body = dropshipOrderBody(vendorA.id);
      body.customer.name = bad;
      const intake = await stack.platform.post('/v1/orders', body);
      expect(intake.status, JSON.stringify(bad)).toBe(422);
      expect(intake.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ path: 'customer.name' }] },
      });
      expect(await stack.prisma.order.count({ where: { externalId: body.externalId } })).toBe(0);
    }
    const { order } = await placeOrder(stack, vendorA.id);
    // Before, this reason went into the workflow's read-model write, which failed and was retried for ever.
    const cancel = await stack.platform.post(`/v1/orders/${order.id}/cancel`, { reason: 'duplicate\u0000order' });
    expect(cancel.status).toBe(422);
    expect(cancel.body.error.details.issues[0].path).toBe('reason');
    const list = await stack.platform.get(`/v1/orders?vendorId=${encodeURIComponent('ven_\u0000')}`);
    expect(list.status).toBe(422);
    const recorded = await vendorA.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody());
    expect(recorded.status).toBe(200);
    expect(recorded.body.order.events.map((event: { type: string }) => event.type)).toEqual([
      'order.created',
      'supplier_order.recorded',
    ]);
  });

  it('answers a forged cursor whose id is not an order id with 422 INVALID_CURSOR', async () => {
    const cursor = Buffer.from(`${new Date().toISOString()}|ord_x\u0000`).toString('base64url');
    const response = await stack.platform.get(`/v1/orders?cursor=${cursor}`);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('INVALID_CURSOR');
  });

  it('refuses a supplier link that is not https on the supplier’s own host', async () => {
    for (const productUrl of [
      'http://www.aliexpress.com/item/1.html',
      'https://aliexpress.com.evil.example/item',
      'javascript:alert(1)',
    ]) {
      const body = dropshipOrderBody(vendorA.id);
      body.items[0]!.dropship.productUrl = productUrl;
      const response = await stack.platform.post('/v1/orders', body);
      expect(response.status, productUrl).toBe(422);
    }
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, and creates one vendor', async () => {
    const body = { name: 'Idempotent vendor', email: 'idem@example.com' };
    const first = await stack.platform.post('/v1/vendors', body, { 'idempotency-key': 'vendor-create-1' });
    const second = await stack.platform.post('/v1/vendors', body, { 'idempotency-key': 'vendor-create-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ ...first.body, token: null, tokenNotice: expect.stringContaining('shown once') });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await stack.prisma.vendor.count({ where: { email: 'idem@example.com' } })).toBe(1);
  });

  it('keeps no bearer token in its records: a replayed token replacement says how to get a new one', async () => {
    const vendor = await stack.createVendor();
    const key = { 'idempotency-key': `token-${vendor.id}` };
    const first = await stack.platform.post(`/v1/vendors/${vendor.id}/token`, {}, key);
    const replay = await stack.platform.post(`/v1/vendors/${vendor.id}/token`, {}, key);
    expect(first.body.token).toMatch(/^dfv_/);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ vendor: { id: vendor.id }, token: null });
    const records = await stack.prisma.idempotencyRecord.findMany({ where: { scope: 'platform' } });
    expect(JSON.stringify(records)).not.toContain(first.body.token);
    expect((await apiAs(stack.baseUrl, first.body.token).get('/v1/vendors/me')).status).toBe(200); // still the one
  });

  it('refuses the same key with another body with 422', async () => {
    await stack.platform.post(
      '/v1/vendors',
      { name: 'One', email: 'one@example.com' },
      { 'idempotency-key': 'vendor-create-2' },
    );
    const other = await stack.platform.post(
      '/v1/vendors',
      { name: 'Two', email: 'two@example.com' },
      { 'idempotency-key': 'vendor-create-2' },
    );
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('frees the key of a request the API died in, once it is older than any request runs, and runs the retry', async () => {
    // What a crash leaves behind: the record of a first request that never finished.
    const key = 'intake-after-crash';
    const body = dropshipOrderBody(vendorA.id);
    const record = { scope: 'platform', key, status: 0 };
    const requestHash = requestHashOf('POST', '/v1/orders', body);
    await stack.prisma.idempotencyRecord.create({ data: { ...record, requestHash, createdAt: new Date() } });
    const tooSoon = await stack.platform.post('/v1/orders', body, { 'idempotency-key': key });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');

    const startedAgo = (ms: number) =>
      stack.prisma.idempotencyRecord.update({
        where: { scope_key: { scope: 'platform', key } },
        data: { createdAt: new Date(Date.now() - ms) },
      });
    // Until the longest request could have ended (a vendor action its workflow accepted, 47 s), it may still run.
    await startedAgo(LONGEST_ACTION_MS);
    expect((await stack.platform.post('/v1/orders', body, { 'idempotency-key': key })).status).toBe(409);

    await startedAgo(ABANDONED_AFTER_MS + 1_000);
    const retry = await stack.platform.post('/v1/orders', body, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    const replay = await stack.platform.post('/v1/orders', body, { 'idempotency-key': key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(retry.body);
  });

  it('replays an error response too, and keeps keys per caller', async () => {
    const { order } = await placeOrder(stack, vendorA.id);
    const first = await vendorA.api.post(`/v1/orders/${order.id}/delivered`, {}, { 'idempotency-key': 'k1' });
    expect(first.status).toBe(409);
    expect(
      (await vendorA.api.post(`/v1/orders/${order.id}/delivered`, {}, { 'idempotency-key': 'k1' })).headers.get(
        'idempotent-replayed',
      ),
    ).toBe('true');
    const otherCaller = await vendorB.api.post(`/v1/orders/${order.id}/delivered`, {}, { 'idempotency-key': 'k1' });
    expect(otherCaller.status).toBe(404);
    expect(otherCaller.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a vendor exceeds its rate, without slowing other vendors', async () => {
    const noisy = await stack.createVendor('Noisy');
    const responses = await Promise.all(Array.from({ length: 160 }, () => noisy.api.get('/v1/carriers')));
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const quiet = await stack.createVendor('Quiet');
    expect((await quiet.api.get('/v1/carriers')).status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document that has every route of the matrix, and nothing the app does not answer', async () => {
    const response = await apiAs(stack.baseUrl, undefined).get('/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const documented = Object.entries(response.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const publicRoutes = ['GET /healthz', 'GET /readyz', 'GET /v1/openapi.json', 'POST /v1/webhooks/17track'];
    expect(documented.sort()).toEqual([...MATRIX.map((row) => row.route), ...publicRoutes].sort());
    expect(documented.length).toBe(ROUTES.length);
    const create = response.body.paths['/v1/orders'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(
      expect.arrayContaining(['externalId', 'vendorId', 'customer', 'shippingAddress', 'items']),
    );
  });

  it('documents the answers the API really gives: an order, its emails, the change feed and the earnings', async () => {
    const { order } = await placeOrder(stack, vendorA.id);
    await shipOrder(vendorA.api, order.id, newTrackingNumber());
    await stack.platform.post(`/v1/orders/${order.id}/dispute/resolve`, { outcome: 'vendor' }); // 409: an event-free try
    expect((await vendorA.api.post(`/v1/orders/${order.id}/delivered`, {})).status).toBe(200);
    // Delivered: supplier order, tracking and pending earnings all filled in.
    expectDocumented(OrderSchema, (await vendorA.api.get(`/v1/orders/${order.id}`)).body.order);
    const feed = (await stack.platform.get('/v1/events?limit=100')).body;
    expectDocumented(ChangeFeedSchema, feed);
    expectDocumented(ChangeFeedSchema.shape.events.element, feed.events[0]);
    const earnings = (await vendorA.api.get('/v1/vendors/me/earnings')).body;
    expect(earnings.entries.length).toBeGreaterThan(0);
    expectDocumented(EarningsSchema, earnings);
    expectDocumented(EarningsSchema.shape.entries.element, earnings.entries[0]);
    const list = (await vendorA.api.get('/v1/orders?limit=3')).body;
    expectDocumented(OrderListSchema, list);
    expectDocumented(OrderListSchema.shape.orders.element, list.orders[0]);
    const created = await stack.platform.post('/v1/vendors', { name: 'Documented', email: 'doc@example.com' });
    expectDocumented(VendorWithTokenSchema, created.body);
    expectDocumented(VendorSchema, created.body.vendor);
    const replaced = await stack.platform.post(`/v1/vendors/${created.body.vendor.id}/token`, {});
    expectDocumented(VendorWithTokenSchema, replaced.body);
    expectDocumented(VendorSchema, (await stack.platform.get(`/v1/vendors/${vendorA.id}`)).body.vendor);
    const counts = (await vendorA.api.get('/v1/orders/counts')).body;
    expectDocumented(OrderCountsSchema, counts);
    expectDocumented(OrderCountsSchema.shape.open, counts.open);
    expectDocumented(VendorListSchema, (await stack.platform.get('/v1/vendors?limit=2')).body);
    const emails = (await stack.platform.get(`/v1/orders/${order.id}/emails`)).body;
    expectDocumented(OrderEmailsSchema, emails);
    expectDocumented(OrderEmailsSchema.shape.emails.element, emails.emails[0]);
  });

  it('serves the interactive reference page from local assets', async () => {
    const page = await apiAs(stack.baseUrl, undefined).get('/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('swagger-ui-bundle.js');
    expect(await (await fetch(`${stack.baseUrl}/docs/reference.js`)).text()).toContain("url: '/v1/openapi.json'");
    const bundle = await fetch(`${stack.baseUrl}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });
});

// Order intake over real HTTP, a real Temporal dev server, PostgreSQL and an SMTP receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderWorkflowId } from '../../workflows/messages';
import { CUSTOMER_ADDRESS, dropshipOrderBody, regularOrderBody } from '../support/fixtures';
import { type TestStack, apiAs, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack();
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

async function searchAttributes(orderId: string) {
  const { typedSearchAttributes } = await stack.client.workflow.getHandle(orderWorkflowId(orderId)).describe();
  return Object.fromEntries(typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]));
}

describe('POST /v1/orders', () => {
  it('creates the order, answers 201 with Location, and starts order-<id> with its search attributes', async () => {
    const body = dropshipOrderBody(vendor.id);
    const response = await stack.platform.post('/v1/orders', body);
    expect(response.status).toBe(201);
    const order = response.body.order;
    expect(response.headers.get('location')).toBe(`/v1/orders/${order.id}`);
    expect(order).toMatchObject({
      externalId: body.externalId,
      vendorId: vendor.id,
      status: 'AWAITING_SUPPLIER_ORDER',
      dropship: true,
    });
    expect(order.total).toEqual({ amount: 2999, currency: 'USD' });

    expect(await searchAttributes(order.id)).toMatchObject({
      OrderStatus: 'AWAITING_SUPPLIER_ORDER',
      VendorId: vendor.id,
      Supplier: ['aliexpress'],
      SlaBreached: false,
    });
    const rows = await stack.prisma.order.count({ where: { externalId: body.externalId } });
    expect(rows).toBe(1);
  });

  it('emails the vendor the customer address, supplier link, supplier cost and variant', async () => {
    const body = dropshipOrderBody(vendor.id);
    const { body: created } = await stack.platform.post('/v1/orders', body);
    const [mail] = await stack.mail.waitFor(
      (m) => m.subject.includes(body.externalId) && m.subject.startsWith('New dropshipping order'),
    );
    expect(mail!.to).toEqual([vendor.email]);
    expect(mail!.text).toContain('Rua das Flores 12');
    expect(mail!.text).toContain('4000-123 Porto');
    expect(mail!.html).toContain('https://www.aliexpress.com/item/1005001234567890.html');
    expect(mail!.text).toContain('Open Supplier Page');
    expect(mail!.text).toContain('Supplier cost: $8.50');
    expect(mail!.text).toContain('Variant: Warm white, 15 cm');
    expect(mail!.text).toContain(`http://dashboard.test/dashboard#/orders/${created.order.id}`);
  });

  it('answers the same externalId again with 200 and the same order, starting nothing new', async () => {
    const body = dropshipOrderBody(vendor.id);
    const first = await stack.platform.post('/v1/orders', body);
    const again = await stack.platform.post('/v1/orders', body);
    expect(again.status).toBe(200);
    // The repeat is read back from the database; the first answer was built from what intake wrote.
    expect(again.body.order).toEqual(first.body.order);
  });

  it('answers a repeat with 200 when its order has no dropship line and no optional address fields', async () => {
    const { name, line1, city, postalCode, country } = CUSTOMER_ADDRESS;
    const body = { ...regularOrderBody(vendor.id), shippingAddress: { name, line1, city, postalCode, country } };
    const first = await stack.platform.post('/v1/orders', body);
    const again = await stack.platform.post('/v1/orders', body);
    expect(again.status).toBe(200);
    expect(again.body.order.id).toBe(first.body.order.id);
  });

  it('answers an externalId sent again with a different order 409 EXTERNAL_ID_CONFLICT, naming what differs', async () => {
    const body = dropshipOrderBody(vendor.id);
    const first = await stack.platform.post('/v1/orders', body);
    // Two vendors' parts of one checkout, both sent with the marketplace's order number.
    const other = await stack.createVendor('Other vendor');
    const otherVendors = await stack.platform.post('/v1/orders', { ...body, vendorId: other.id });
    expect(otherVendors.status).toBe(409);
    expect(otherVendors.body.error).toMatchObject({
      code: 'EXTERNAL_ID_CONFLICT',
      message: expect.stringContaining(body.externalId),
      details: { externalId: body.externalId, orderId: first.body.order.id, fields: ['vendorId'] },
    });
    const changed = await stack.platform.post('/v1/orders', {
      ...body,
      shippingAddress: { ...body.shippingAddress, line2: 'Apartamento 3' },
      items: [{ ...body.items[0], quantity: 2 }],
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error.details.fields).toEqual(['shippingAddress', 'items']);

    expect(await stack.prisma.order.count({ where: { externalId: body.externalId } })).toBe(1);
    expect((await stack.platform.get(`/v1/orders/${first.body.order.id}`)).body.order).toEqual(first.body.order);
    expect((await other.api.get('/v1/orders')).body.orders).toEqual([]);
  });

  it('gives 20 concurrent creates of one externalId one order, one workflow run and one email', async () => {
    const body = dropshipOrderBody(vendor.id);
    const responses = await Promise.all(Array.from({ length: 20 }, () => stack.platform.post('/v1/orders', body)));
    const ids = new Set(responses.map((r) => r.body.order.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    const orderId = [...ids][0] as string;
    const runs = [];
    for await (const run of stack.client.workflow.list({ query: `WorkflowId = '${orderWorkflowId(orderId)}'` }))
      runs.push(run);
    expect(runs).toHaveLength(1);
    await stack.mail.waitFor((m) => m.subject.includes(body.externalId));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stack.mail.messages.filter((m) => m.subject.includes(body.externalId))).toHaveLength(1);
    expect(await stack.prisma.emailOutbox.count({ where: { orderId } })).toBe(1);
  });

  it('starts a regular (non-dropship) order awaiting shipment, without the dropship flag', async () => {
    const response = await stack.platform.post('/v1/orders', regularOrderBody(vendor.id));
    expect(response.status).toBe(201);
    expect(response.body.order).toMatchObject({ status: 'AWAITING_SHIPMENT', dropship: false });
  });

  it.each([
    ['a missing customer', 422, 'VALIDATION_FAILED', (b: Record<string, unknown>) => ({ ...b, customer: undefined })],
    [
      'a fractional price',
      422,
      'VALIDATION_FAILED',
      (b: any) => ({ ...b, items: [{ ...b.items[0], unitPrice: { amount: 29.99, currency: 'USD' } }] }),
    ],
    [
      'a country name instead of a code',
      422,
      'VALIDATION_FAILED',
      (b: any) => ({ ...b, shippingAddress: { ...b.shippingAddress, country: 'Portugal' } }),
    ],
    [
      'a supplier link on another host',
      422,
      'VALIDATION_FAILED',
      (b: any) => ({
        ...b,
        items: [{ ...b.items[0], dropship: { ...b.items[0].dropship, productUrl: 'https://evil.example/item' } }],
      }),
    ],
    [
      'mixed currencies',
      422,
      'CURRENCY_MISMATCH',
      (b: any) => ({ ...b, items: [{ ...b.items[0], unitPrice: { amount: 2999, currency: 'EUR' } }] }),
    ],
    [
      'a sale total beyond what one order can hold',
      422,
      'VALIDATION_FAILED',
      (b: any) => ({
        ...b,
        items: [{ ...b.items[0], quantity: 30, unitPrice: { amount: 100_000_000, currency: 'USD' } }],
      }),
    ],
    [
      'a supplier-cost total beyond what one order can hold',
      422,
      'VALIDATION_FAILED',
      (b: any) => ({
        ...b,
        items: Array.from({ length: 3 }, () => ({
          ...b.items[0],
          quantity: 1000,
          dropship: { ...b.items[0].dropship, supplierCost: { amount: 1_000_000, currency: 'USD' } },
        })),
      }),
    ],
    ['an unknown vendor', 422, 'UNKNOWN_VENDOR', (b: Record<string, unknown>) => ({ ...b, vendorId: 'ven_missing' })],
    ['a server-owned field', 422, 'VALIDATION_FAILED', (b: Record<string, unknown>) => ({ ...b, status: 'COMPLETED' })],
  ])('rejects %s with %i %s and writes nothing', async (_name, status, code, mutate) => {
    const body = mutate(dropshipOrderBody(vendor.id)) as { externalId: string };
    const response = await stack.platform.post('/v1/orders', body);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, message: expect.any(String) });
    expect(await stack.prisma.order.count({ where: { externalId: body.externalId } })).toBe(0);
  });

  it('rejects malformed JSON with 400 INVALID_JSON', async () => {
    const response = await stack.platform.call('POST', '/v1/orders', '{"externalId":', {});
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_JSON');
  });

  it('refuses order creation without the platform token', async () => {
    expect((await apiAs(stack.baseUrl, undefined).post('/v1/orders', dropshipOrderBody(vendor.id))).status).toBe(401);
    expect((await vendor.api.post('/v1/orders', dropshipOrderBody(vendor.id))).status).toBe(403);
  });
});

describe('GET /v1/orders/:id', () => {
  it('returns the order to its vendor and 404 to another vendor', async () => {
    const { body } = await stack.platform.post('/v1/orders', dropshipOrderBody(vendor.id));
    const own = await vendor.api.get(`/v1/orders/${body.order.id}`);
    expect(own.status).toBe(200);
    expect(own.body.order.events[0]).toMatchObject({ type: 'order.created', actor: 'platform' });
    const other = await stack.createVendor('Other vendor');
    const foreign = await other.api.get(`/v1/orders/${body.order.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('ORDER_NOT_FOUND');
  });
});

describe('health', () => {
  it('answers /healthz and reports the database and Temporal ready on /readyz', async () => {
    expect((await stack.platform.get('/healthz')).status).toBe(200);
    const ready = await stack.platform.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: 'ok', temporal: 'ok' });
  });
});

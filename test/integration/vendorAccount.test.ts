// A vendor's own record and its token: reading it, and replacing a token that was lost or leaked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '../support/orderFlow';
import { type TestStack, apiAs, startTestStack } from '../support/testStack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => stack?.stop());

describe('reading a vendor', () => {
  it('answers the Location of a created vendor with that vendor, without its token or the token’s hash', async () => {
    const created = await stack.platform.post('/v1/vendors', { name: 'Porto Lamps', email: 'lamps@example.com' });
    expect(created.status).toBe(201);
    const read = await stack.platform.get(created.headers.get('location')!);
    expect(read.status).toBe(200);
    expect(read.body.vendor).toEqual(created.body.vendor);
    expect(JSON.stringify(read.body)).not.toContain(created.body.token);
    expect(read.body.vendor).not.toHaveProperty('tokenHash');
  });

  it('shows a vendor itself at /v1/vendors/me, and another vendor only as 404', async () => {
    const mine = await stack.createVendor('Mine');
    const other = await stack.createVendor('Other');
    const me = await mine.api.get('/v1/vendors/me');
    expect(me.status).toBe(200);
    expect(me.body.vendor).toMatchObject({ id: mine.id, name: 'Mine', email: mine.email });
    const theirs = await mine.api.get(`/v1/vendors/${other.id}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('VENDOR_NOT_FOUND');
    const unknown = await stack.platform.get('/v1/vendors/ven_doesnotexist');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('VENDOR_NOT_FOUND');
  });
});

describe('changing a vendor', () => {
  it('sends the emails of a running order to the address the vendor changed to', async () => {
    const vendor = await stack.createVendor();
    const { order, body } = await placeOrder(stack, vendor.id);
    const newEmail = `moved.${vendor.id}@example.com`;
    const changed = await vendor.api.call('PATCH', '/v1/vendors/me', { email: newEmail });
    expect(changed.status).toBe(200);
    expect(changed.body.vendor).toMatchObject({ id: vendor.id, email: newEmail });
    expect((await stack.platform.post(`/v1/orders/${order.id}/cancel`, { reason: 'Payment reversed' })).status).toBe(
      200,
    );
    const [toVendor] = await stack.mail.waitFor(
      (m) => m.subject === `Order ${body.externalId} was cancelled: do not order it from the supplier`,
    );
    expect(toVendor!.to).toEqual([newEmail]);
  });

  it('changes nothing on a bad change: no field, an unknown field, a bad address, another vendor', async () => {
    const vendor = await stack.createVendor('Kept Name');
    const other = await stack.createVendor();
    for (const change of [{}, { token: 'dfv_x' }, { email: 'not an address' }, { name: '' }]) {
      const refused = await vendor.api.call('PATCH', `/v1/vendors/${vendor.id}`, change);
      expect(refused.status, JSON.stringify(change)).toBe(422);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await vendor.api.call('PATCH', `/v1/vendors/${other.id}`, { name: 'Taken over' })).status).toBe(404);
    expect((await vendor.api.get('/v1/vendors/me')).body.vendor).toMatchObject({
      name: 'Kept Name',
      email: vendor.email,
    });
    expect((await other.api.get('/v1/vendors/me')).body.vendor.name).not.toBe('Taken over');
  });
});

describe('finding vendors', () => {
  it('lets the platform find a vendor by its email, whatever its case, without the token’s hash', async () => {
    const vendor = await stack.createVendor('Braga Bikes');
    const found = await stack.platform.get(`/v1/vendors?email=${encodeURIComponent(vendor.email.toUpperCase())}`);
    expect(found.status).toBe(200);
    expect(found.body.vendors).toEqual([expect.objectContaining({ id: vendor.id, name: 'Braga Bikes' })]);
    expect(found.body.vendors[0]).not.toHaveProperty('tokenHash');
    expect((await stack.platform.get('/v1/vendors?email=nobody%40example.com')).body.vendors).toEqual([]);
  });

  it('pages through vendors newest first without repeats, and refuses a cursor it did not make', async () => {
    const imported = await stack.prisma.vendor.create({
      // A vendor brought over from another system, its id not of the API's own length.
      data: {
        id: `ven_imp${Date.now()}`,
        name: 'Imported',
        email: 'imported@example.com',
        currency: 'EUR',
        tokenHash: `h${Date.now()}`,
      },
    });
    const mine = [imported, await stack.createVendor(), await stack.createVendor(), await stack.createVendor()];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await stack.platform.get(`/v1/vendors?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.vendors.map((v: { id: string }) => v.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const mineSeen = seen.filter((id) => mine.some((v) => v.id === id)); // other test files make vendors too
    expect(mineSeen).toEqual(mine.map((v) => v.id).reverse());
    const forged = Buffer.from(`${new Date().toISOString()}|x' OR 1=1`).toString('base64url');
    const refused = await stack.platform.get(`/v1/vendors?cursor=${forged}`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('INVALID_CURSOR');
  });
});

describe('replacing a vendor’s token', () => {
  it('lets the platform give a vendor a new token: the old one is refused at once, the new one sees its orders', async () => {
    const vendor = await stack.createVendor();
    const { order } = await placeOrder(stack, vendor.id);
    const replaced = await stack.platform.post(`/v1/vendors/${vendor.id}/token`, {});
    expect(replaced.status).toBe(200);
    expect(replaced.body.vendor).toMatchObject({ id: vendor.id, email: vendor.email });
    expect(replaced.body.token).toMatch(/^dfv_/);
    expect(replaced.body.token).not.toBe(vendor.token);

    const old = await vendor.api.get('/v1/orders');
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('UNAUTHENTICATED');
    const renewed = apiAs(stack.baseUrl, replaced.body.token);
    const orders = await renewed.get('/v1/orders');
    expect(orders.status).toBe(200);
    expect(orders.body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });

  it('lets a vendor replace its own token, and no other vendor’s', async () => {
    const vendor = await stack.createVendor();
    const other = await stack.createVendor();
    const refused = await vendor.api.post(`/v1/vendors/${other.id}/token`, {});
    expect(refused.status).toBe(404);
    expect((await other.api.get('/v1/vendors/me')).status).toBe(200);

    const replaced = await vendor.api.post('/v1/vendors/me/token', {});
    expect(replaced.status).toBe(200);
    expect((await vendor.api.get('/v1/vendors/me')).status).toBe(401);
    expect((await apiAs(stack.baseUrl, replaced.body.token).get('/v1/vendors/me')).body.vendor.id).toBe(vendor.id);
  });

  it('changes nothing on a bad request: an unknown vendor, a body with fields, the platform asking for `me`', async () => {
    const vendor = await stack.createVendor();
    const unknown = await stack.platform.post('/v1/vendors/ven_doesnotexist/token', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('VENDOR_NOT_FOUND');
    const withFields = await stack.platform.post(`/v1/vendors/${vendor.id}/token`, { token: 'dfv_mine' });
    expect(withFields.status).toBe(422);
    expect(withFields.body.error.code).toBe('VALIDATION_FAILED');
    const platformMe = await stack.platform.post('/v1/vendors/me/token', {});
    expect(platformMe.status).toBe(403);
    expect((await vendor.api.get('/v1/vendors/me')).status).toBe(200);
  });
});

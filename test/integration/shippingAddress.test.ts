// The store changes the customer's shipping address (a typo fixed, a move) before the vendor buys from the supplier:
// the vendor is emailed where to ship, and the address guard holds the supplier order to the new address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderWorkflowId } from '../../workflows/messages';
import { CUSTOMER_ADDRESS, dropshipOrderBody, regularOrderBody, supplierOrderBody } from '../support/fixtures';
import { placeOrder } from '../support/orderFlow';
import { type TestStack, startTestStack } from '../support/testStack';

let stack: TestStack;
let vendor: Awaited<ReturnType<TestStack['createVendor']>>;

beforeAll(async () => {
  stack = await startTestStack();
  vendor = await stack.createVendor();
});
afterAll(async () => stack?.stop());

/** Where the customer moved: another street and city in Portugal. */
const MOVED_TO = {
  ...CUSTOMER_ADDRESS,
  line1: 'Rua Ferreira Borges 40',
  line2: undefined,
  city: 'Coimbra',
  postalCode: '3000-180',
};

const changeAddress = (orderId: string, shippingAddress: unknown) =>
  stack.platform.post(`/v1/orders/${orderId}/shipping-address`, { shippingAddress });

describe('changing the shipping address', () => {
  it('records the new address, tells the vendor once, and holds the supplier order to it', async () => {
    const { order, body } = await placeOrder(stack, vendor.id);
    const changed = await changeAddress(order.id, MOVED_TO);
    expect(changed.status).toBe(200);
    expect(changed.body.order.shippingAddress).toMatchObject({ line1: 'Rua Ferreira Borges 40', city: 'Coimbra' });
    expect(changed.body.order.events.at(-1)).toMatchObject({
      type: 'shipping_address.changed',
      actor: 'platform',
      data: { shippingAddress: { city: 'Coimbra' }, previous: { city: 'Porto', line1: 'Rua das Flores 12' } },
    });

    const [email] = await stack.mail.waitFor(
      (m) => m.subject === `New shipping address for order ${body.externalId}: ship it there`,
    );
    expect(email!.to).toEqual([vendor.email]);
    expect(email!.text).toContain('Rua Ferreira Borges 40');
    expect(email!.text).toContain('3000-180 Coimbra');
    expect(email!.text).not.toContain('Rua das Flores');

    // The same address again (a retry) changes nothing and emails nobody.
    const again = await changeAddress(order.id, { ...MOVED_TO, city: 'COIMBRA' });
    expect(again.status).toBe(200);
    expect(again.body.order.events.filter((e: { type: string }) => e.type === 'shipping_address.changed')).toHaveLength(
      1,
    );

    // The Web UI's memo follows the address ops search by.
    const { memo } = await stack.client.workflow.getHandle(orderWorkflowId(order.id)).describe();
    expect(memo?.customerCity).toBe('Coimbra, PT');

    // The supplier order must ship to the new address now: the old one is refused like any other.
    const old = await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody(CUSTOMER_ADDRESS));
    expect(old.status).toBe(422);
    expect(old.body.error.code).toBe('ADDRESS_MISMATCH');
    const bought = await vendor.api.post(`/v1/orders/${order.id}/supplier-order`, supplierOrderBody(MOVED_TO));
    expect(bought.status).toBe(200);

    // Once bought, the supplier has the address: too late to change it here.
    const late = await changeAddress(order.id, CUSTOMER_ADDRESS);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = stack.mail.messages.filter((m) =>
      m.subject.startsWith(`New shipping address for order ${body.externalId}`),
    );
    expect(sent).toHaveLength(1);
  });

  it('changes the address of an order without dropship lines until it ships', async () => {
    const { order } = (await stack.platform.post('/v1/orders', regularOrderBody(vendor.id))).body;
    const changed = await changeAddress(order.id, MOVED_TO);
    expect(changed.status).toBe(200);
    expect(changed.body.order.status).toBe('AWAITING_SHIPMENT');
    expect(changed.body.order.shippingAddress.city).toBe('Coimbra');
  });

  it('takes the storefront retrying its first intake after the change as the same order', async () => {
    const body = dropshipOrderBody(vendor.id);
    const { order } = (await stack.platform.post('/v1/orders', body)).body;
    expect((await changeAddress(order.id, MOVED_TO)).status).toBe(200);
    const retried = await stack.platform.post('/v1/orders', body);
    expect(retried.status).toBe(200);
    expect(retried.body.order.id).toBe(order.id);
    expect(retried.body.order.shippingAddress.city).toBe('Coimbra');
    // An address the order never had is still another order under the same externalId.
    const other = await stack.platform.post('/v1/orders', {
      ...body,
      shippingAddress: { ...CUSTOMER_ADDRESS, city: 'Braga', postalCode: '4700-001' },
    });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'EXTERNAL_ID_CONFLICT', details: { fields: ['shippingAddress'] } });
  });

  it('refuses an address it cannot use with 422, changing nothing', async () => {
    const { order } = await placeOrder(stack, vendor.id);
    for (const bad of [{ ...MOVED_TO, country: 'Portugal' }, { ...MOVED_TO, line1: '' }, 'Coimbra']) {
      const response = await changeAddress(order.id, bad);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
    const after = (await stack.platform.get(`/v1/orders/${order.id}`)).body.order;
    expect(after.shippingAddress).toEqual(CUSTOMER_ADDRESS);
    expect(after.events.map((e: { type: string }) => e.type)).toEqual(['order.created']);
  });
});

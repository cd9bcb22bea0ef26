// The hand-written SQL reads against Prisma's own: the same rows, field for field, on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadEmailContext } from '../../activities/loadEmailContext';
import { type Database, openDatabase } from '../../src/db/database';
import type { PrismaClient } from '../../src/db/prismaClient';
import { selectOrderRow } from '../../src/db/sql/selectOrderRow';
import { ORDER_INCLUDE } from '../../src/orders/orderView';

let database: Database;
let prisma: PrismaClient;
const zoneBefore = process.env.TZ;

beforeAll(() => {
  // The columns hold UTC without a zone; a process in another zone must still read the same instants.
  process.env.TZ = 'America/Sao_Paulo';
  database = openDatabase(inject('databaseUrl'));
  prisma = database.prisma;
});
afterAll(async () => {
  process.env.TZ = zoneBefore;
  await database?.close();
});

/** An order with every relation the read covers, some optional columns set and some null. */
async function seedOrder(options: { delivered: boolean }) {
  const suffix = randomUUID().slice(0, 8);
  const vendor = await prisma.vendor.create({
    data: { id: `ven_${suffix}`, name: 'Row vendor', email: 'rows@example.com', tokenHash: suffix, currency: 'EUR' },
  });
  const orderId = `ord_${suffix}`;
  const at = (iso: string) => new Date(iso);
  await prisma.order.create({
    data: {
      id: orderId,
      externalId: `ROW-${suffix}`,
      vendorId: vendor.id,
      status: options.delivered ? 'DELIVERED' : 'AWAITING_SUPPLIER_ORDER',
      dropship: true,
      customerName: 'Ana Sousa',
      customerEmail: 'ana@example.com',
      shippingAddress: { name: 'Ana Sousa', line1: 'Rua das Flores 12', city: 'Porto', country: 'PT' },
      currency: 'EUR',
      saleAmount: 5998,
      supplierCost: 1700,
      createdAt: at('2026-11-20T10:00:00.123Z'),
      items: {
        create: [1, 0].map((position) => ({
          id: `${orderId}_${position}`,
          position,
          sku: `SKU-${position}`,
          title: `Lamp ${position}`,
          quantity: 1 + position,
          unitPrice: 2999,
          ...(position === 0 && {
            supplier: 'aliexpress' as const,
            productUrl: 'https://www.aliexpress.com/item/1005001.html',
            supplierCost: 850,
            variant: 'Warm white',
          }),
        })),
      },
      events: {
        create: [1, 0].map((seq) => ({
          seq,
          type: seq === 0 ? 'order.created' : 'supplier_order.recorded',
          actor: 'platform',
          data: { seq, note: 'ünïcode ✓' },
          at: at(`2026-11-20T10:0${seq}:00.456Z`),
        })),
      },
      ...(options.delivered && {
        supplierOrder: {
          create: {
            supplier: 'aliexpress',
            supplierOrderId: '8123',
            amountPaid: 850,
            currency: 'EUR',
            shipTo: { city: 'Porto' },
            recordedAt: at('2026-11-20T11:00:00.789Z'),
          },
        },
        tracking: {
          create: {
            number: `RR${suffix}CN`,
            carrier: 3011,
            carrierStatus: 'Delivered',
            lastEventAt: at('2026-11-23T09:30:00.000Z'),
            lastEventText: 'Delivered to the mailbox',
            registeredAt: at('2026-11-21T08:00:00.001Z'),
          },
        },
      }),
    },
  });
  if (options.delivered) {
    await prisma.earningsEntry.create({
      data: {
        key: `${orderId}:accrue:PENDING`,
        vendorId: vendor.id,
        orderId,
        bucket: 'PENDING',
        amount: 4298,
        currency: 'EUR',
        reason: 'accrue',
        createdAt: at('2026-11-23T09:31:00.000Z'),
      },
    });
  }
  return orderId;
}

describe('selectOrderRow', () => {
  it.each([false, true])('reads what Prisma include reads (delivered: %s)', async (delivered) => {
    const orderId = await seedOrder({ delivered });
    const byPrisma = await prisma.order.findUnique({ where: { id: orderId }, include: ORDER_INCLUDE });
    expect(await selectOrderRow(database.pool, orderId)).toEqual(byPrisma);
  });

  it('finds nothing for an unknown id', async () => {
    expect(await selectOrderRow(database.pool, 'ord_nope')).toBeUndefined();
  });
});

describe('loadEmailContext', () => {
  it('builds the email context from the order, its vendor, lines in order, tracking and accrued earnings', async () => {
    const orderId = await seedOrder({ delivered: true });
    const links = {
      publicBaseUrl: 'https://shop.example',
      temporalUiWorkflowsUrl: 'https://ui.example/namespaces/default/workflows',
    };
    const context = await loadEmailContext(database.pool, orderId, links, { targetMs: '86400000' });
    expect(context).toMatchObject({
      orderId,
      orderUrl: `https://shop.example/dashboard#/orders/${orderId}`,
      opsUrl: `https://ui.example/namespaces/default/workflows/order-${orderId}`,
      vendor: { name: 'Row vendor', email: 'rows@example.com' },
      customer: { name: 'Ana Sousa', email: 'ana@example.com' },
      shippingAddress: { city: 'Porto' },
      sale: { amount: 5998, currency: 'EUR' },
      supplierOrder: { supplier: 'aliexpress', id: '8123' },
      tracking: { carrier: expect.any(String) as string, number: expect.stringMatching(/^RR/) as string },
      earnings: { amount: 4298, currency: 'EUR' },
      details: { targetMs: '86400000' },
    });
    expect(context.items.map((item) => [item.sku, item.supplierCost])).toEqual([
      ['SKU-0', { amount: 850, currency: 'EUR' }],
      ['SKU-1', undefined],
    ]);
  });

  it('has no supplier order, tracking or earnings before the vendor records them', async () => {
    const context = await loadEmailContext(
      database.pool,
      await seedOrder({ delivered: false }),
      { publicBaseUrl: 'https://shop.example' },
      {},
    );
    expect([context.supplierOrder, context.tracking, context.earnings]).toEqual([undefined, undefined, undefined]);
    expect(context.opsUrl).toBeUndefined(); // no Web UI known: ops' emails carry no link rather than a vendor's
  });
});

// Order intake: one order per external id, whatever the retries or races, and always a running workflow: the
// order's row carries a pending start until Temporal has the workflow, and the intake repair finishes any start
// a crash or an outage left undone (activities/intakeRepair.ts).
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/prismaClient';
import { isForeignKeyViolation, isUniqueViolation } from '../db/prismaClient';
import { insertOrder } from '../db/sql/insertOrder';
import { HttpError } from '../http/httpError';
import { isInfrastructureDown } from '../infrastructureDown';
import type { CreateOrderBody } from '../http/schemas';
import { intakeDifferences } from './intakeConflict';
import { ORDER_INCLUDE, type OrderRow } from './orderView';
import { type OrderStartDeps, startOrderWorkflow } from './startOrderWorkflow';

export interface OrderIntakeDeps extends OrderStartDeps {
  prisma: PrismaClient;
}

/** The single currency an order is priced in; mixed currencies are a 422. */
function orderCurrency(body: CreateOrderBody): string {
  const currencies = new Set(
    body.items.flatMap((item) => [
      item.unitPrice.currency,
      ...(item.dropship ? [item.dropship.supplierCost.currency] : []),
    ]),
  );
  if (currencies.size !== 1) {
    throw new HttpError(422, 'CURRENCY_MISMATCH', 'All prices and supplier costs of an order must use one currency', {
      currencies: [...currencies],
    });
  }
  return [...currencies][0]!;
}

/** Creates the order (or finds the one with the same external id) and makes sure its workflow runs. */
export async function createOrder(
  deps: OrderIntakeDeps,
  body: CreateOrderBody,
): Promise<{ row: OrderRow; created: boolean }> {
  const { prisma } = deps;
  // No read first: most creates are new, and the unique index on externalId finds the repeats (see below).
  const currency = orderCurrency(body);
  const dropship = body.items.some((item) => item.dropship);
  const orderId = `ord_${randomUUID().replace(/-/g, '')}`;
  const now = new Date();
  let row: OrderRow;
  try {
    const created = await insertOrder(deps.pool, {
      id: orderId,
      externalId: body.externalId,
      vendorId: body.vendorId,
      status: dropship ? 'AWAITING_SUPPLIER_ORDER' : 'AWAITING_SHIPMENT',
      dropship,
      customerName: body.customer.name,
      customerEmail: body.customer.email,
      shippingAddress: body.shippingAddress,
      currency,
      saleAmount: body.items.reduce((sum, item) => sum + item.unitPrice.amount * item.quantity, 0),
      supplierCost: body.items.reduce(
        (sum, item) => sum + (item.dropship?.supplierCost.amount ?? 0) * item.quantity,
        0,
      ),
      createdAt: now,
      items: body.items.map((item, position) => ({
        id: `${orderId}_${position}`,
        orderId,
        position,
        sku: item.sku,
        title: item.title,
        quantity: item.quantity,
        unitPrice: item.unitPrice.amount,
        supplier: item.dropship?.supplier ?? null,
        productUrl: item.dropship?.productUrl ?? null,
        supplierCost: item.dropship?.supplierCost.amount ?? null,
        variant: item.dropship?.variant ?? null,
      })),
    });
    row = { ...created, supplierOrder: null, tracking: null, earnings: [] };
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new HttpError(422, 'UNKNOWN_VENDOR', `No vendor ${body.vendorId}`, { vendorId: body.vendorId });
    }
    if (!isUniqueViolation(error)) throw error;
    // A repeat, or a concurrent request that won the insert: answer with that order, if it is this one.
    const winner = await prisma.order.findUniqueOrThrow({
      where: { externalId: body.externalId },
      include: ORDER_INCLUDE,
    });
    const differences = intakeDifferences(body, winner);
    if (differences.length > 0) {
      throw new HttpError(
        409,
        'EXTERNAL_ID_CONFLICT',
        `Order ${body.externalId} already exists with another ${differences.join(', ')}: an externalId names one order, so a different order needs an externalId of its own`,
        { externalId: body.externalId, orderId: winner.id, fields: differences },
      );
    }
    await startRecordedOrder(deps, winner);
    return { row: winner, created: false };
  }
  await startRecordedOrder(deps, row);
  return { row, created: true };
}

/**
 * Starts a recorded order's workflow. If Temporal (or the database, for the confirmation) cannot be reached, the
 * answer is 503 as for any outage, but it says what a storefront needs to know: the order is kept, with its pending
 * start, so a retry of the request returns it and starts it, and without one the intake repair does once Temporal
 * is back.
 */
async function startRecordedOrder(deps: OrderStartDeps, row: OrderRow): Promise<void> {
  try {
    await startOrderWorkflow(deps, row);
  } catch (error) {
    if (!isInfrastructureDown(error)) throw error;
    throw new HttpError(
      503,
      'SERVICE_UNAVAILABLE',
      `Order ${row.externalId} is recorded as ${row.id}, but its processing could not be started: Temporal (or the database) is unavailable. Retry this request to get the order once it has started; without a retry it starts within minutes of Temporal being back.`,
      { orderId: row.id, externalId: row.externalId },
    );
  }
}

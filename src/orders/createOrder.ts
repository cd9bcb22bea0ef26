// Order intake: one order per external id, whatever the retries or races, and always a running workflow.
import { randomUUID } from 'node:crypto';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { PrismaClient } from '../db/prismaClient';
import type { Queryable } from '../db/sql/sqlTemplate';
import { isForeignKeyViolation, isUniqueViolation } from '../db/prismaClient';
import { insertOrder } from '../db/sql/insertOrder';
import type { Address } from '../domain/address';
import { formatMoney } from '../domain/formatMoney';
import type { OrderPolicy } from '../domain/orderPolicy';
import { HttpError } from '../http/httpError';
import type { CreateOrderBody } from '../http/schemas';
import { ORDER_STATUS, SLA_BREACHED, SUPPLIER, VENDOR_ID } from '../temporal/searchAttributes';
import { type OrderWorkflowInput, type SupplierName, orderWorkflowId } from '../../workflows/messages';
import { ORDER_INCLUDE, type OrderRow } from './orderView';

export interface OrderIntakeDeps {
  prisma: PrismaClient;
  /** The pool Prisma runs on, for the one-statement insert (src/db/sql). */
  pool: Queryable;
  temporal: Client;
  taskQueue: string;
  policy: OrderPolicy;
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

function workflowInput(row: OrderRow, policy: OrderPolicy): OrderWorkflowInput {
  const suppliers = [...new Set(row.items.flatMap((item) => (item.supplier ? [item.supplier] : [])))] as SupplierName[];
  return {
    orderId: row.id,
    vendorId: row.vendorId,
    dropship: row.dropship,
    suppliers,
    customerAddress: row.shippingAddress as unknown as Address,
    sale: { amount: row.saleAmount, currency: row.currency },
    supplierCost: row.supplierCost,
    createdAt: row.createdAt.toISOString(),
    policy,
  };
}

/** Starts the order's workflow unless it already runs or ran: safe to call on every create request. */
async function ensureWorkflow(deps: OrderIntakeDeps, row: OrderRow): Promise<void> {
  const input = workflowInput(row, deps.policy);
  const address = input.customerAddress;
  try {
    await deps.temporal.workflow.start('orderWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: orderWorkflowId(row.id),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: ORDER_STATUS, value: row.status },
        { key: VENDOR_ID, value: row.vendorId },
        { key: SUPPLIER, value: input.suppliers },
        { key: SLA_BREACHED, value: false },
      ],
      memo: {
        externalId: row.externalId,
        customerCity: `${address.city}, ${address.country}`,
        amount: formatMoney(input.sale),
      },
      staticSummary: `Order ${row.externalId} · ${formatMoney(input.sale)} · ${address.city}, ${address.country}`,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error; // it ran and closed: nothing to do
  }
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
    // A repeat, or a concurrent request that won the insert: answer with that order.
    const winner = await prisma.order.findUniqueOrThrow({
      where: { externalId: body.externalId },
      include: ORDER_INCLUDE,
    });
    await ensureWorkflow(deps, winner);
    return { row: winner, created: false };
  }
  await ensureWorkflow(deps, row);
  return { row, created: true };
}

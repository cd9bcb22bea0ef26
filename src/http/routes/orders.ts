// /v1/orders: intake, reads and the vendor / platform actions (PRODUCT §6). Thin: parse, call, answer.
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type pg from 'pg';
import type { PrismaClient } from '../../db/prismaClient';
import type { OrderPolicy } from '../../domain/orderPolicy';
import { chargeBack } from '../../orders/chargeBack';
import { createOrder } from '../../orders/createOrder';
import { runOrderAction } from '../../orders/orderActions';
import { findOrderFor, listOrdersFor } from '../../orders/orderReads';
import { orderCountsFor } from '../../orders/orderCounts';
import { orderEmailsFor } from '../../orders/orderEmailDeliveries';
import { orderView } from '../../orders/orderView';
import type { UpdateDefinition } from '@temporalio/common';
import {
  type OrderActionResult,
  addTrackingUpdate,
  cancelOrderUpdate,
  changeCustomerEmailUpdate,
  changeShippingAddressUpdate,
  markDeliveredUpdate,
  openDisputeUpdate,
  recordSupplierOrderUpdate,
  resolveDisputeUpdate,
} from '../../../workflows/messages';
import { type Caller, callerOf, requirePlatform, requireVendor } from '../auth';
import { HttpError } from '../httpError';
import { serverTiming, setServerTiming } from '../serverTiming';
import {
  CreateOrderSchema,
  CustomerEmailChangeSchema,
  EmptySchema,
  ListOrdersQuerySchema,
  OrderCountsQuerySchema,
  OrderIdSchema,
  ReasonSchema,
  ResolveDisputeSchema,
  ShippingAddressChangeSchema,
  SupplierOrderSchema,
  TrackingSchema,
} from '../schemas';

export interface OrderRouteDeps {
  prisma: PrismaClient;
  /** For the hand-written SQL, and the one write of several statements in a transaction: a chargeback. */
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
  policy: OrderPolicy;
}

function orderIdOf(params: Record<string, string>): string {
  const parsed = OrderIdSchema.safeParse(params.id);
  if (!parsed.success) throw new HttpError(404, 'ORDER_NOT_FOUND', `No order ${String(params.id).slice(0, 60)}`);
  return parsed.data;
}

/** The order routes. */
export function orderRoutes(deps: OrderRouteDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    requirePlatform(callerOf(req));
    const { row, created } = await createOrder(deps, CreateOrderSchema.parse(req.body));
    res
      .status(created ? 201 : 200)
      .location(`/v1/orders/${row.id}`)
      .json({ order: orderView(row) });
  });

  router.get('/', async (req, res) => {
    const query = ListOrdersQuerySchema.parse(req.query);
    const flag = (value: 'true' | 'false' | undefined) => (value === undefined ? undefined : value === 'true');
    const instant = (value: string | undefined) => (value === undefined ? undefined : new Date(value));
    const page = await listOrdersFor(deps.prisma, callerOf(req), {
      ...query,
      dropship: flag(query.dropship),
      slaBreached: flag(query.slaBreached),
      disputeOpen: flag(query.disputeOpen),
      createdBefore: instant(query.createdBefore),
      createdAfter: instant(query.createdAfter),
    });
    res.json(page);
  });

  router.get('/counts', async (req, res) => {
    res.json(await orderCountsFor(deps.prisma, callerOf(req), OrderCountsQuerySchema.parse(req.query)));
  });

  router.get('/:id', async (req, res) => {
    const row = await serverTiming(res)('read', () => findOrderFor(deps.pool, callerOf(req), orderIdOf(req.params)));
    setServerTiming(res);
    res.json({ order: orderView(row) });
  });

  router.get('/:id/emails', async (req, res) => {
    res.json({ emails: await orderEmailsFor(deps.pool, callerOf(req), orderIdOf(req.params)) });
  });

  /** An action route: POST /:id/<action>, answered with the updated order. */
  function action<Input>(
    path: string,
    update: UpdateDefinition<OrderActionResult, [Input]>,
    inputFor: (caller: Caller, body: unknown, orderId: string) => Input | Promise<Input>,
  ) {
    router.post(`/:id/${path}`, async (req, res) => {
      const body: unknown = req.body ?? {};
      const orderId = orderIdOf(req.params);
      const row = await runOrderAction(
        deps,
        callerOf(req),
        orderId,
        update,
        (caller) => inputFor(caller, body, orderId),
        serverTiming(res),
      );
      setServerTiming(res);
      res.json({ order: orderView(row) });
    });
  }
  const vendorActor = (caller: Caller) => ({ kind: 'vendor' as const, id: requireVendor(caller) });
  const platformActor = (caller: Caller) => {
    requirePlatform(caller);
    return { kind: 'platform' as const };
  };

  action('supplier-order', recordSupplierOrderUpdate, (caller, body) => ({
    actor: vendorActor(caller),
    ...SupplierOrderSchema.parse(body),
  }));
  action('tracking', addTrackingUpdate, (caller, body) => ({
    actor: vendorActor(caller),
    ...TrackingSchema.parse(body),
  }));
  action('delivered', markDeliveredUpdate, (caller, body) => {
    const actor = vendorActor(caller);
    EmptySchema.parse(body);
    return { actor };
  });
  action('cancel', cancelOrderUpdate, (caller, body) => ({
    actor: caller.kind === 'vendor' ? { kind: 'vendor' as const, id: caller.vendorId } : { kind: 'platform' as const },
    ...ReasonSchema.parse(body),
  }));
  action('shipping-address', changeShippingAddressUpdate, (caller, body) => ({
    actor: platformActor(caller),
    ...ShippingAddressChangeSchema.parse(body),
  }));
  // The update is told the address it replaces, as the order has it now, so the same address again changes nothing.
  action('customer-email', changeCustomerEmailUpdate, async (caller, body, orderId) => {
    const actor = platformActor(caller);
    const { email } = CustomerEmailChangeSchema.parse(body);
    const { customerEmail: previous } = await findOrderFor(deps.pool, caller, orderId);
    return { actor, email, previous };
  });
  action('dispute', openDisputeUpdate, (caller, body) => ({
    actor: platformActor(caller),
    ...ReasonSchema.parse(body),
  }));
  action('dispute/resolve', resolveDisputeUpdate, (caller, body) => ({
    actor: platformActor(caller),
    ...ResolveDisputeSchema.parse(body),
  }));
  // Not an Update: the order's workflow has ended by the time a chargeback comes (src/orders/chargeBack.ts).
  router.post('/:id/chargeback', async (req, res) => {
    const row = await chargeBack(deps.pool, callerOf(req), orderIdOf(req.params), () => ReasonSchema.parse(req.body));
    res.json({ order: orderView(row) });
  });

  return router;
}

// /v1/orders: intake, reads and the vendor / platform actions (PRODUCT §6). Thin: parse, call, answer.
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { PrismaClient } from '../../db/prismaClient';
import type { OrderPolicy } from '../../domain/orderPolicy';
import { createOrder } from '../../orders/createOrder';
import { runOrderAction } from '../../orders/orderActions';
import { findOrderFor, listOrdersFor } from '../../orders/orderReads';
import { orderView } from '../../orders/orderView';
import {
  addTrackingUpdate,
  cancelOrderUpdate,
  markDeliveredUpdate,
  openDisputeUpdate,
  recordSupplierOrderUpdate,
  resolveDisputeUpdate,
} from '../../../workflows/messages';
import { callerOf, requirePlatform, requireVendor } from '../auth';
import { HttpError } from '../httpError';
import {
  CreateOrderSchema,
  EmptySchema,
  ListOrdersQuerySchema,
  OrderIdSchema,
  ReasonSchema,
  ResolveDisputeSchema,
  SupplierOrderSchema,
  TrackingSchema,
} from '../schemas';

export interface OrderRouteDeps {
  prisma: PrismaClient;
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
    const page = await listOrdersFor(deps.prisma, callerOf(req), {
      ...query,
      dropship: query.dropship === undefined ? undefined : query.dropship === 'true',
    });
    if (!page) throw new HttpError(422, 'INVALID_CURSOR', 'cursor is not one this API returned');
    res.json(page);
  });

  router.get('/:id', async (req, res) => {
    res.json({ order: orderView(await findOrderFor(deps.prisma, callerOf(req), orderIdOf(req.params))) });
  });

  router.post('/:id/supplier-order', async (req, res) => {
    const caller = callerOf(req);
    const vendorId = requireVendor(caller);
    const body = SupplierOrderSchema.parse(req.body);
    const actor = { kind: 'vendor' as const, id: vendorId };
    const row = await runOrderAction(deps, caller, orderIdOf(req.params), recordSupplierOrderUpdate, {
      actor,
      ...body,
    });
    res.json({ order: orderView(row) });
  });

  router.post('/:id/tracking', async (req, res) => {
    const caller = callerOf(req);
    const vendorId = requireVendor(caller);
    const body = TrackingSchema.parse(req.body);
    const actor = { kind: 'vendor' as const, id: vendorId };
    const row = await runOrderAction(deps, caller, orderIdOf(req.params), addTrackingUpdate, { actor, ...body });
    res.json({ order: orderView(row) });
  });

  router.post('/:id/delivered', async (req, res) => {
    const caller = callerOf(req);
    const vendorId = requireVendor(caller);
    EmptySchema.parse(req.body ?? {});
    const row = await runOrderAction(deps, caller, orderIdOf(req.params), markDeliveredUpdate, {
      actor: { kind: 'vendor', id: vendorId },
    });
    res.json({ order: orderView(row) });
  });

  router.post('/:id/cancel', async (req, res) => {
    const caller = callerOf(req);
    const { reason } = ReasonSchema.parse(req.body);
    const actor =
      caller.kind === 'vendor' ? { kind: 'vendor' as const, id: caller.vendorId } : { kind: 'platform' as const };
    const row = await runOrderAction(deps, caller, orderIdOf(req.params), cancelOrderUpdate, { actor, reason });
    res.json({ order: orderView(row) });
  });

  router.post('/:id/dispute', async (req, res) => {
    const caller = callerOf(req);
    requirePlatform(caller);
    const { reason } = ReasonSchema.parse(req.body);
    const row = await runOrderAction(deps, caller, orderIdOf(req.params), openDisputeUpdate, {
      actor: { kind: 'platform' },
      reason,
    });
    res.json({ order: orderView(row) });
  });

  router.post('/:id/dispute/resolve', async (req, res) => {
    const caller = callerOf(req);
    requirePlatform(caller);
    const { outcome } = ResolveDisputeSchema.parse(req.body);
    const row = await runOrderAction(deps, caller, orderIdOf(req.params), resolveDisputeUpdate, {
      actor: { kind: 'platform' },
      outcome,
    });
    res.json({ order: orderView(row) });
  });

  return router;
}

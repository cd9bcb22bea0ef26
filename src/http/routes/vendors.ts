// /v1/vendors: the platform creates, lists and finds vendors; the platform or the vendor itself reads and changes
// it, replaces its token and reads its earnings and payouts; the platform records the payouts it makes, and those
// that come back.
import { Router } from 'express';
import type { PrismaClient } from '../../db/prismaClient';
import {
  createVendor,
  getVendor,
  listVendors,
  replaceVendorToken,
  updateVendor,
  vendorNotFound,
} from '../../vendors/vendors';
import { vendorEarnings } from '../../vendors/vendorEarnings';
import { listPayouts, recordPayout, returnPayout } from '../../vendors/vendorPayouts';
import { type Caller, callerOf, requirePlatform, requireVendor } from '../auth';
import {
  CreateVendorSchema,
  EarningsQuerySchema,
  EmptySchema,
  ListVendorsQuerySchema,
  PayoutsQuerySchema,
  ReasonSchema,
  RecordPayoutSchema,
  UpdateVendorSchema,
} from '../schemas';

/** The vendor a path names: `me` is the calling vendor; a vendor may name only itself. */
function vendorIdOf(caller: Caller, id: string): string {
  if (id === 'me') return requireVendor(caller);
  if (caller.kind === 'vendor' && caller.vendorId !== id) throw vendorNotFound(id);
  return id;
}

/** The vendor routes. */
export function vendorRoutes({ prisma }: { prisma: PrismaClient }): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    requirePlatform(callerOf(req));
    const created = await createVendor(prisma, CreateVendorSchema.parse(req.body));
    res.status(201).location(`/v1/vendors/${created.vendor.id}`).json(created);
  });

  router.get('/', async (req, res) => {
    requirePlatform(callerOf(req));
    res.json(await listVendors(prisma, ListVendorsQuerySchema.parse(req.query)));
  });

  router.get('/:id', async (req, res) => {
    res.json(await getVendor(prisma, vendorIdOf(callerOf(req), req.params.id)));
  });

  router.patch('/:id', async (req, res) => {
    const vendorId = vendorIdOf(callerOf(req), req.params.id);
    res.json(await updateVendor(prisma, vendorId, UpdateVendorSchema.parse(req.body ?? {})));
  });

  // The marketplace pays vendors out, so it reads any vendor's earnings; a vendor reads its own (`me` or its id).
  router.get('/:id/earnings', async (req, res) => {
    const vendorId = vendorIdOf(callerOf(req), req.params.id);
    res.json(await vendorEarnings(prisma, vendorId, EarningsQuerySchema.parse(req.query)));
  });

  // Only the marketplace pays vendors, so only it records a payout; the same payout again is a 200, not a second one.
  router.post('/:id/payouts', async (req, res) => {
    requirePlatform(callerOf(req));
    const { created, payout } = await recordPayout(prisma, req.params.id, RecordPayoutSchema.parse(req.body));
    res.status(created ? 201 : 200).json({ payout });
  });

  // A transfer the vendor's bank sent back: the marketplace's to record, as the payout was; once per payout.
  router.post('/:id/payouts/:payoutId/return', async (req, res) => {
    requirePlatform(callerOf(req));
    const { reason } = ReasonSchema.parse(req.body);
    res.json({ payout: await returnPayout(prisma, req.params.id, req.params.payoutId, reason) });
  });

  router.get('/:id/payouts', async (req, res) => {
    const vendorId = vendorIdOf(callerOf(req), req.params.id);
    res.json(await listPayouts(prisma, vendorId, PayoutsQuerySchema.parse(req.query)));
  });

  // A new token for a vendor, the old one refused from now on: the platform's answer to a vendor that lost its
  // token (shown once, never stored), and the vendor's own when its token may have leaked.
  router.post('/:id/token', async (req, res) => {
    const vendorId = vendorIdOf(callerOf(req), req.params.id);
    EmptySchema.parse(req.body ?? {});
    res.json(await replaceVendorToken(prisma, vendorId));
  });

  return router;
}

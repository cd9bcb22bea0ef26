// /v1/vendors: the platform creates vendors; a vendor reads its earnings.
import { Router } from 'express';
import type { PrismaClient } from '../../db/prismaClient';
import { createVendor, vendorEarnings } from '../../vendors/vendors';
import { callerOf, requirePlatform, requireVendor } from '../auth';
import { CreateVendorSchema } from '../schemas';

/** The vendor routes. */
export function vendorRoutes({ prisma }: { prisma: PrismaClient }): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    requirePlatform(callerOf(req));
    const created = await createVendor(prisma, CreateVendorSchema.parse(req.body));
    res.status(201).location(`/v1/vendors/${created.vendor.id}`).json(created);
  });

  router.get('/me/earnings', async (req, res) => {
    res.json(await vendorEarnings(prisma, requireVendor(callerOf(req))));
  });

  return router;
}

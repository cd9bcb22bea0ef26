// /v1/payouts: the marketplace's side of paying vendors out, across vendors (one vendor's payouts are under
// /v1/vendors/{id}/payouts).
import { Router } from 'express';
import type { Queryable } from '../../db/sql/sqlTemplate';
import { payoutsDue, vendorsOwing } from '../../vendors/payoutsDue';
import { callerOf, requirePlatform } from '../auth';
import { VendorBalancesQuerySchema } from '../schemas';

/** The cross-vendor payout routes: the platform's, since they span every vendor. */
export function payoutRoutes({ pool }: { pool: Queryable }): Router {
  const router = Router();
  router.get('/due', async (req, res) => {
    requirePlatform(callerOf(req));
    res.json(await payoutsDue(pool, VendorBalancesQuerySchema.parse(req.query)));
  });
  // The vendors a chargeback left owing the marketplace: ops collect from them, and their payouts wait meanwhile.
  router.get('/owing', async (req, res) => {
    requirePlatform(callerOf(req));
    res.json(await vendorsOwing(pool, VendorBalancesQuerySchema.parse(req.query)));
  });
  return router;
}

// /v1/events: the order change feed (src/orders/changeFeed.ts), for the storefront to follow every order.
import { Router } from 'express';
import type { Queryable } from '../../db/sql/sqlTemplate';
import { readChangeFeed } from '../../orders/changeFeed';
import { callerOf, requirePlatform } from '../auth';
import { ChangeFeedQuerySchema } from '../schemas';

/** The change feed route: the platform's, since it spans every vendor's orders. */
export function eventRoutes({ pool }: { pool: Queryable }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    requirePlatform(callerOf(req));
    res.json(await readChangeFeed(pool, ChangeFeedQuerySchema.parse(req.query)));
  });
  return router;
}

// POST /v1/webhooks/17track: 17TRACK's pushes. The signature is checked on the raw bytes, in constant time,
// before anything is parsed; unsigned and forged pushes are refused, and all three kinds, with repeats, are counted.
// A valid push becomes a signal to the order workflow (the workflow merges it forward-only) and is answered at
// once; a repeat of one is answered 200 and not passed on again.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import express, { Router } from 'express';
import type { PrismaClient } from '../../db/prismaClient';
import { isUniqueViolation } from '../../db/prismaClient';
import { carrierStateFromTrackInfo } from '../../tracking/carrierStateFromTrackInfo';
import { verifyPushSignature } from '../../tracking/track17Signature';
import type { Track17Push } from '../../tracking/track17Types';
import { carrierUpdateSignal, orderWorkflowId } from '../../../workflows/messages';
import { isInfrastructureDown } from '../../infrastructureDown';
import { TEMPORAL_HANDOFF_MS, withinDeadline } from '../../temporal/withinDeadline';
import { HttpError } from '../httpError';

/** What the webhook has seen since the process started (GET /v1/ops/webhook-stats). */
export interface WebhookStats {
  accepted: number;
  unsigned: number;
  forged: number;
  replayed: number;
  malformed: number;
  unknownNumber: number;
}

export interface WebhookDeps {
  prisma: PrismaClient;
  temporal: Client;
  track17ApiKey: string | undefined;
  stats: WebhookStats;
  log: (message: string, error?: unknown) => void;
}

/** A fresh set of counters. */
export function newWebhookStats(): WebhookStats {
  return { accepted: 0, unsigned: 0, forged: 0, replayed: 0, malformed: 0, unknownNumber: 0 };
}

/** The 17TRACK webhook route. */
export function track17WebhookRoutes(deps: WebhookDeps): Router {
  const router = Router();
  router.post('/17track', express.raw({ type: () => true, limit: '512kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const sign = req.get('sign');
    if (!sign) {
      deps.stats.unsigned += 1;
      throw new HttpError(401, 'SIGNATURE_MISSING', 'The push has no sign header');
    }
    if (!deps.track17ApiKey || !verifyPushSignature(raw, sign, deps.track17ApiKey)) {
      deps.stats.forged += 1;
      throw new HttpError(401, 'SIGNATURE_INVALID', 'The push signature does not match');
    }
    let push: Track17Push;
    try {
      push = JSON.parse(raw.toString('utf8')) as Track17Push;
      if (typeof push?.data?.number !== 'string') throw new Error('no number');
    } catch {
      deps.stats.malformed += 1;
      throw new HttpError(400, 'INVALID_PUSH', 'The push body is not a 17TRACK push');
    }
    const bodyHash = createHash('sha256').update(raw).digest('hex');
    try {
      await deps.prisma.webhookReceipt.create({ data: { bodyHash, number: push.data.number } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same signed push again: 17TRACK re-sending one whose answer it missed, or someone replaying a copy.
      // Its first copy was passed on; a 2xx tells 17TRACK to stop, and the order hears nothing twice.
      deps.stats.replayed += 1;
      res.json({ status: 'duplicate' });
      return;
    }
    deps.stats.accepted += 1;
    const tracking = await deps.prisma.tracking.findUnique({ where: { number: push.data.number.toUpperCase() } });
    if (!tracking) {
      deps.stats.unknownNumber += 1;
      deps.log(`17TRACK push for unknown number ${push.data.number}: ignored`);
      res.json({ status: 'ignored', reason: 'unknown number' });
      return;
    }
    const state = push.event === 'TRACKING_UPDATED' ? carrierStateFromTrackInfo(push.data.track_info) : undefined;
    if (state) {
      try {
        const order = deps.temporal.workflow.getHandle(orderWorkflowId(tracking.orderId));
        await withinDeadline(deps.temporal, TEMPORAL_HANDOFF_MS, () =>
          order.signal(carrierUpdateSignal, { ...state, trackingNumber: tracking.number }),
        );
      } catch (error) {
        if (isInfrastructureDown(error)) {
          // Temporal is down: forget the receipt and answer 503, so 17TRACK's retry of this push is taken, not
          // refused as a replay. (The fallback polling would catch up too, but up to an interval later.)
          await deps.prisma.webhookReceipt.delete({ where: { bodyHash } }).catch(() => undefined);
          throw error;
        }
        // The order's workflow has ended (delivered and released): late pushes have nothing left to change.
        deps.log(`17TRACK push for ${push.data.number} not delivered to order ${tracking.orderId}`, error);
      }
    }
    res.json({ status: 'accepted' });
  });
  return router;
}

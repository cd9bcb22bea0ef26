// Fallback polling (PRODUCT §5): pushes can be lost, so parcels in transit whose last check is older than the
// poll interval are refreshed in batches of 40 through the shared rate limiter, and only the orders whose
// carrier state changed are signalled. One request per 40 parcels, never one per parcel. Numbers 17TRACK refused
// to register for the account's quota are registered first, once it takes them again.
import { heartbeat, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../src/db/prismaClient';
import { carrierStateFromTrackInfo } from '../src/tracking/carrierStateFromTrackInfo';
import { registerNumbers } from '../src/tracking/registration';
import type { Track17Client } from '../src/tracking/track17Client';
import { TRACK17_BATCH_LIMIT } from '../src/tracking/track17Types';
import { carrierUpdateSignal, orderWorkflowId } from '../workflows/messages';

export interface RefreshStaleTrackingInput {
  /** Parcels last checked longer ago than this are due. */
  olderThanMs: number;
  /** At most this many parcels in one run; the next run takes the rest. */
  maxParcels: number;
}

export interface RefreshStaleTrackingResult {
  checked: number;
  changed: number;
  requests: number;
  /** Numbers registered at 17TRACK in this run after a refusal for the quota (absent from runs before it existed). */
  registered?: number;
}

/** Activities of the tracking refresh schedule. */
export function createTrackingRefreshActivities(deps: {
  prisma: PrismaClient;
  track17: Track17Client;
  temporal: Client;
}) {
  /**
   * Registers the shipped orders' numbers that 17TRACK refused for the quota, 40 a request, until it refuses again.
   * A number it now refuses for itself (a carrier it cannot detect) is left unregistered: the order's "no carrier
   * data" alert tells the vendor to check it.
   */
  async function registerDeferred(result: RefreshStaleTrackingResult): Promise<void> {
    const waiting = await deps.prisma.tracking.findMany({
      where: { awaitingRegistrationSince: { not: null }, stoppedAt: null, order: { status: 'SHIPPED' } },
      orderBy: { awaitingRegistrationSince: 'asc' },
    });
    for (let start = 0; start < waiting.length; start += TRACK17_BATCH_LIMIT) {
      const batch = waiting.slice(start, start + TRACK17_BATCH_LIMIT);
      result.requests += 1;
      const outcomes = await registerNumbers(
        deps.track17,
        batch.map((t) => ({ number: t.number, carrier: t.carrier ?? undefined, tag: t.orderId })),
      );
      let quotaStillOut = false;
      for (const tracking of batch) {
        const outcome = outcomes.get(tracking.number);
        if (outcome?.kind === 'quota') {
          quotaStillOut = true;
          continue;
        }
        if (outcome?.kind === 'registered') result.registered = (result.registered ?? 0) + 1;
        else log.warn('17TRACK refused a number registered late', { orderId: tracking.orderId, error: outcome?.error });
        const carrier = outcome?.kind === 'registered' ? outcome.carrier : undefined;
        await deps.prisma.tracking.update({
          where: { orderId: tracking.orderId },
          data: { awaitingRegistrationSince: null, carrier: tracking.carrier ?? carrier ?? null },
        });
      }
      if (quotaStillOut) return; // the rest waits for the next run
    }
  }

  return {
    /** Refreshes every due parcel from 17TRACK and signals the orders whose carrier state changed. */
    async refreshStaleTracking(input: RefreshStaleTrackingInput): Promise<RefreshStaleTrackingResult> {
      const result: RefreshStaleTrackingResult = { checked: 0, changed: 0, requests: 0 };
      await registerDeferred(result);
      const now = new Date();
      const due = await deps.prisma.tracking.findMany({
        where: {
          stoppedAt: null,
          awaitingRegistrationSince: null,
          order: { status: 'SHIPPED' },
          OR: [{ lastCheckedAt: null }, { lastCheckedAt: { lt: new Date(now.getTime() - input.olderThanMs) } }],
        },
        orderBy: { lastCheckedAt: { sort: 'asc', nulls: 'first' } },
        take: input.maxParcels,
      });
      for (let start = 0; start < due.length; start += TRACK17_BATCH_LIMIT) {
        const batch = due.slice(start, start + TRACK17_BATCH_LIMIT);
        const info = await deps.track17.getTrackInfo(
          batch.map((t) => ({ number: t.number, carrier: t.carrier ?? undefined })),
        );
        result.requests += 1;
        for (const item of info.accepted) {
          const stored = batch.find((t) => t.number === item.number);
          const state = carrierStateFromTrackInfo(item.track_info);
          if (!stored || !state) continue;
          const neverSeen = stored.carrierStatus === null && state.status === 'NotFound' && !state.lastEventAt;
          const unchanged =
            neverSeen ||
            (state.status === stored.carrierStatus &&
              (state.subStatus ?? null) === stored.subStatus &&
              (state.lastEventAt ? Date.parse(state.lastEventAt) : null) === (stored.lastEventAt?.getTime() ?? null));
          if (unchanged) continue;
          result.changed += 1;
          await deps.temporal.workflow
            .getHandle(orderWorkflowId(stored.orderId))
            .signal(carrierUpdateSignal, { ...state, trackingNumber: stored.number })
            .catch(() => undefined); // the order has moved on (delivered by the vendor meanwhile)
        }
        await deps.prisma.tracking.updateMany({
          where: { orderId: { in: batch.map((t) => t.orderId) } },
          data: { lastCheckedAt: now },
        });
        result.checked += batch.length;
        heartbeat(result);
      }
      return result;
    },
  };
}

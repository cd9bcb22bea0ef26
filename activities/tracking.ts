// Tracking numbers at 17TRACK: register when the vendor enters one, stop once the parcel is delivered.
// 17TRACK's answers become typed Temporal failures the API maps to clear errors.
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../src/db/prismaClient';
import { isUniqueViolation } from '../src/db/prismaClient';
import { type Track17Client, Track17RequestError } from '../src/tracking/track17Client';
import { TRACK17_CODES } from '../src/tracking/track17Types';

export interface RegisterTrackingInput {
  orderId: string;
  trackingNumber: string;
  carrier?: number | undefined;
}

export interface RegisterTrackingResult {
  trackingNumber: string;
  carrier?: number | undefined;
}

/** Tracking numbers are 5-50 letters and digits (17TRACK.md); spaces and dashes are typing noise. */
export function normalizeTrackingNumber(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

function rejected(message: string, details: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({ type: 'TRACKING_REJECTED', message, details: [details], nonRetryable: true });
}

/** Activities that talk to 17TRACK about one order's parcel. */
export function createTrackingActivities({ prisma, track17 }: { prisma: PrismaClient; track17: Track17Client }) {
  return {
    /** Claims the number for the order, then registers it at 17TRACK; a rejected number is released again. */
    async registerTracking(input: RegisterTrackingInput): Promise<RegisterTrackingResult> {
      const number = normalizeTrackingNumber(input.trackingNumber);
      if (!/^[A-Z0-9]{5,50}$/.test(number)) {
        throw rejected('A tracking number is 5 to 50 letters and digits', { trackingNumber: input.trackingNumber });
      }
      const claim = { number, carrier: input.carrier ?? null, registeredAt: new Date() };
      try {
        await prisma.tracking.upsert({
          where: { orderId: input.orderId },
          create: { orderId: input.orderId, ...claim },
          update: claim,
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw ApplicationFailure.create({
          type: 'TRACKING_NUMBER_IN_USE',
          message: `Tracking number ${number} is already used by another order`,
          details: [{ trackingNumber: number }],
          nonRetryable: true,
        });
      }
      let result: Awaited<ReturnType<Track17Client['register']>>;
      try {
        result = await track17.register([{ number, carrier: input.carrier, tag: input.orderId }]);
      } catch (error) {
        if (!(error instanceof Track17RequestError)) throw error;
        // Retryable: the activity tries again; if 17TRACK stays down the vendor gets a 503 to retry later.
        throw ApplicationFailure.create({
          type: 'TRACKING_UNAVAILABLE',
          message: `17TRACK is unavailable: ${error.message}`,
          details: [{ trackingNumber: number }],
        });
      }
      const accepted = result.accepted.find((item) => item.number === number);
      if (accepted) return { trackingNumber: number, carrier: accepted.carrier };
      const refusal = result.rejected.find((item) => item.number === number);
      if (refusal?.error.code === TRACK17_CODES.alreadyRegistered)
        return { trackingNumber: number, carrier: input.carrier };
      await prisma.tracking.delete({ where: { orderId: input.orderId } });
      throw rejected(refusal?.error.message ?? '17TRACK did not accept the tracking number', {
        trackingNumber: number,
        track17Code: refusal?.error.code ?? null,
      });
    },

    /** Stops 17TRACK from following a delivered parcel (it would otherwise keep it for 15 more days). */
    async stopTracking({ orderId }: { orderId: string }): Promise<void> {
      const tracking = await prisma.tracking.findUnique({ where: { orderId } });
      if (!tracking || tracking.stoppedAt) return;
      const result = await track17.stopTrack([{ number: tracking.number, carrier: tracking.carrier ?? undefined }]);
      const refusal = result.rejected.find((item) => item.number === tracking.number);
      const harmless: number[] = [TRACK17_CODES.stopOnlyWhileTracking, TRACK17_CODES.notRegistered];
      if (refusal && !harmless.includes(refusal.error.code)) {
        throw new Error(`17TRACK refused to stop ${tracking.number}: ${refusal.error.message}`);
      }
      await prisma.tracking.update({ where: { orderId }, data: { stoppedAt: new Date() } });
    },
  };
}

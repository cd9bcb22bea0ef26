// Tracking numbers at 17TRACK: register when the vendor enters one, stop once the parcel is delivered.
// 17TRACK's answers become typed Temporal failures the API maps to clear errors; 17TRACK's own trouble (its quota,
// an outage) never stops an order from shipping.
import { ApplicationFailure, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../src/db/prismaClient';
import { isUniqueViolation } from '../src/db/prismaClient';
import { normalizeTrackingNumber } from '../src/domain/trackingNumber';
import { startLateRegistrationRun } from '../src/temporal/trackingSchedule';
import { withinMs } from '../src/timeLimit';
import { type Track17CallOptions, type Track17Client, Track17RequestError } from '../src/tracking/track17Client';
import { type RegistrationOutcome, registerNumbers } from '../src/tracking/registration';
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

/** The number and carrier an order has now, as registered. */
interface CurrentTracking {
  trackingNumber: string;
  carrier?: number | undefined;
}

export interface CorrectTrackingInput extends RegisterTrackingInput {
  replaces: CurrentTracking;
}

export interface ChangeTrackingCarrierInput {
  orderId: string;
  replaces: CurrentTracking;
  /** The 17TRACK carrier code the vendor corrected it to. */
  carrier: number;
}

/** What 17TRACK last said of a parcel: cleared when the order's number or carrier changes. */
const NO_CARRIER_DATA = {
  carrierStatus: null,
  subStatus: null,
  lastEventAt: null,
  lastEventText: null,
  lastEventPlace: null,
  providersHash: null,
  lastCheckedAt: null,
  stoppedAt: null,
};

/**
 * How long a vendor's tracking entry waits for 17TRACK, the client's retries included, before the number is kept for
 * the tracking refresh to register. Under the 20 s the activity may run (`carrierApi` in workflows/orderActivities.ts)
 * with room for a correction's follow-up calls, and long enough for the client's backoff over a few 5xx answers.
 */
export const TRACK17_WAIT_MS = 12_000;
/** How long a correction waits for 17TRACK to follow the new number and stop the old one (best effort). */
const TRACK17_FOLLOW_UP_WAIT_MS = 5_000;
/**
 * Each request's timeout within the wait. 17TRACK answers a registration in well under a second; with the client's
 * 15 s, one request that hung would use up the whole wait, where this leaves time to try again.
 */
const TRACK17_REQUEST_TIMEOUT_MS = 4_000;

/**
 * `call`'s answer, or a Track17RequestError once `ms` have passed: a 17TRACK that hangs is a 17TRACK that is down.
 * Each of its requests gets TRACK17_REQUEST_TIMEOUT_MS. The call is aborted at `ms`, so its retries stop instead of
 * going on in the background, taking the account's shared 3 requests/s from the calls that are still waited for.
 */
function from17Track<T>(call: (options: Track17CallOptions) => Promise<T>, ms: number): Promise<T> {
  const giveUp = new AbortController();
  return withinMs(call({ signal: giveUp.signal, requestTimeoutMs: TRACK17_REQUEST_TIMEOUT_MS }), ms, () => {
    giveUp.abort();
    return new Track17RequestError(`17TRACK did not answer within ${ms} ms`, undefined, undefined);
  });
}

function rejected(message: string, details: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({ type: 'TRACKING_REJECTED', message, details: [details], nonRetryable: true });
}

/** Activities that talk to 17TRACK about one order's parcel. */
export function createTrackingActivities({
  prisma,
  track17,
  temporal,
  taskQueue,
}: {
  prisma: PrismaClient;
  track17: Track17Client;
  /** For the run that registers the numbers 17TRACK could not take at entry. */
  temporal: Client;
  taskQueue: string;
}) {
  /** The number, checked; `TRACKING_REJECTED` for one that cannot be a tracking number. */
  function wellFormed(trackingNumber: string): string {
    const number = normalizeTrackingNumber(trackingNumber);
    if (!/^[A-Z0-9]{5,50}$/.test(number)) {
      throw rejected('A tracking number is 5 to 50 letters and digits', { trackingNumber });
    }
    return number;
  }

  /** Keeps the claimed number, marked for the tracking refresh to register once 17TRACK takes it. */
  async function deferRegistration(
    input: RegisterTrackingInput,
    number: string,
    why: string,
    details: Record<string, unknown>,
  ): Promise<RegisterTrackingResult> {
    log.warn(`${why}; the tracking refresh registers the number later`, {
      orderId: input.orderId,
      trackingNumber: number,
      ...details,
    });
    await prisma.tracking.update({
      where: { orderId: input.orderId },
      data: { awaitingRegistrationSince: new Date() },
    });
    return { trackingNumber: number, carrier: input.carrier };
  }

  /**
   * Claims the number for the order, then registers it at 17TRACK; a rejected number is released again. One refused
   * for the account's quota, or that 17TRACK could not take within TRACK17_WAIT_MS (down, failing, hanging), is kept,
   * marked for the tracking refresh to register later: a marketplace out of 17TRACK quota, or a 17TRACK outage, must
   * not stop its vendors from shipping, nor its customers from hearing that their order is on its way.
   */
  async function registerTracking(input: RegisterTrackingInput): Promise<RegisterTrackingResult> {
    const number = wellFormed(input.trackingNumber);
    const claim = {
      number,
      carrier: input.carrier ?? null,
      registeredAt: new Date(),
      ...NO_CARRIER_DATA,
      awaitingRegistrationSince: null,
    };
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
    let outcome: RegistrationOutcome | undefined;
    try {
      const items = [{ number, carrier: input.carrier, tag: input.orderId }];
      outcome = (await from17Track((call) => registerNumbers(track17, items, call), TRACK17_WAIT_MS)).get(number);
    } catch (error) {
      if (!(error instanceof Track17RequestError)) throw error;
      // Only well-formed numbers get here, and the "no carrier data" alert catches one 17TRACK refuses later.
      const deferred = await deferRegistration(
        input,
        number,
        '17TRACK could not be reached to register a tracking number',
        { error: error.message },
      );
      // A quota refusal waits for the Schedule (a quota does not come back in seconds); this may be a queue that
      // clears in seconds. The Schedule's next run registers the number if this start fails, and a Temporal that
      // does not answer gets 2 s of the activity's 20.
      await withinMs(startLateRegistrationRun(temporal, taskQueue), 2_000).catch((err: unknown) => {
        log.warn('could not start the late registration run', { error: String(err) });
      });
      return deferred;
    }
    if (outcome?.kind === 'registered') return { trackingNumber: number, carrier: outcome.carrier ?? input.carrier };
    if (outcome?.kind === 'quota') {
      return deferRegistration(input, number, '17TRACK refused a registration for the account quota', {
        track17Code: outcome.error.code,
        track17Message: outcome.error.message,
      });
    }
    await prisma.tracking.delete({ where: { orderId: input.orderId } });
    throw rejected(outcome?.error?.message ?? '17TRACK did not accept the tracking number', {
      trackingNumber: number,
      track17Code: outcome?.error?.code ?? null,
    });
  }

  return {
    registerTracking,

    /**
     * Changes only the carrier of the order's number, at 17TRACK (at most 5 times a number) and in its tracking row,
     * whose carrier data is cleared: the vendor had the number right and the carrier wrong.
     */
    async changeTrackingCarrier(input: ChangeTrackingCarrierInput): Promise<RegisterTrackingResult> {
      const { trackingNumber: number, carrier: old } = input.replaces;
      const row = await prisma.tracking.findUnique({ where: { orderId: input.orderId } });
      if (row?.awaitingRegistrationSince) {
        // Not at 17TRACK yet: the refresh registers it with the right carrier.
        await prisma.tracking.update({ where: { orderId: input.orderId }, data: { carrier: input.carrier } });
        return { trackingNumber: number, carrier: input.carrier };
      }
      let result: Awaited<ReturnType<Track17Client['changeCarrier']>>;
      try {
        const items = [{ number, carrier_old: old, carrier_new: input.carrier }];
        result = await from17Track((call) => track17.changeCarrier(items, call), TRACK17_WAIT_MS);
      } catch (error) {
        if (!(error instanceof Track17RequestError)) throw error;
        // Not deferred as a registration is: 17TRACK already follows the number under the old carrier, and only a
        // change can correct that. The client has retried already: the vendor hears "retry later" (503) now, not
        // after the activity's retries have each waited as long again.
        throw ApplicationFailure.create({
          type: 'TRACKING_UNAVAILABLE',
          message: `17TRACK is unavailable: ${error.message}`,
          details: [{ trackingNumber: number }],
          nonRetryable: true,
        });
      }
      const refusal = result.rejected.find((item) => item.number === number);
      if (refusal) {
        throw rejected(refusal.error.message, { trackingNumber: number, track17Code: refusal.error.code });
      }
      await prisma.tracking.update({
        where: { orderId: input.orderId },
        data: { carrier: input.carrier, registeredAt: new Date(), ...NO_CARRIER_DATA },
      });
      return { trackingNumber: number, carrier: input.carrier };
    },

    /**
     * Replaces the order's tracking number with another one the vendor corrected it to (the workflow decides that it
     * is another: the same number is a resend, or `changeTrackingCarrier`). The new number is claimed and registered
     * as the first one was, and the old one stopped at 17TRACK; one that is refused or already another order's leaves
     * the order with its old number, as it was.
     */
    async correctTracking(input: CorrectTrackingInput): Promise<RegisterTrackingResult> {
      const before = await prisma.tracking.findUnique({ where: { orderId: input.orderId } });
      let registered: RegisterTrackingResult;
      try {
        registered = await registerTracking(input);
      } catch (error) {
        // Back to the old number and what 17TRACK said of it (a retry after a crash finds the new claim: the old
        // number comes back without its data, which the next poll refills).
        const old = before?.number === input.replaces.trackingNumber ? before : undefined;
        const { orderId: _orderId, ...restored } = old ?? {
          orderId: input.orderId,
          number: input.replaces.trackingNumber,
          carrier: input.replaces.carrier ?? null,
          registeredAt: new Date(),
          ...NO_CARRIER_DATA,
        };
        await prisma.tracking.upsert({
          where: { orderId: input.orderId },
          create: { orderId: input.orderId, ...restored },
          update: restored,
        });
        throw error;
      }
      // A number this order had before (corrected back to it) is still registered but stopped: 17TRACK answered
      // "already registered" and follows it again only once retracked. For any other number the retrack is refused.
      // 17TRACK would follow the wrong number for weeks, so it is stopped; a refusal, or a 17TRACK that does not
      // answer, changes nothing for the order.
      const followUp = (call: Track17CallOptions) =>
        Promise.all([
          track17
            .retrack([{ number: registered.trackingNumber, carrier: registered.carrier }], call)
            .catch(() => undefined),
          track17
            .stopTrack([{ number: input.replaces.trackingNumber, carrier: input.replaces.carrier }], call)
            .catch(() => undefined),
        ]);
      await from17Track(followUp, TRACK17_FOLLOW_UP_WAIT_MS).catch(() => undefined);
      return registered;
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

// How 17TRACK answered the registration of each number: registered (now, or before), refused for the account's
// quota, or refused for the number itself. The one reading of a `register` answer, for the vendor's tracking entry
// (activities/tracking.ts) and for the refresh that registers late what the quota held back (trackingRefresh.ts).
import { type Track17CallOptions, type Track17Client, Track17RequestError } from './track17Client';
import { TRACK17_CODES, isQuotaRefusal } from './track17Types';

export type RegistrationOutcome =
  | { kind: 'registered'; carrier?: number | undefined }
  | { kind: 'quota'; error: { code: number; message: string } }
  | { kind: 'refused'; error?: { code: number; message: string } | undefined };

/**
 * Registers `items` (at most 40: one request) and reads the answer number by number. A request refused as a whole
 * for the quota (17TRACK.md does not say whether it refuses per number or per request) is every number's quota
 * refusal; any other failure of the request is thrown, as the client throws it.
 */
export async function registerNumbers(
  track17: Track17Client,
  items: Parameters<Track17Client['register']>[0],
  options?: Track17CallOptions,
): Promise<Map<string, RegistrationOutcome>> {
  const outcomes = new Map<string, RegistrationOutcome>();
  let answer: Awaited<ReturnType<Track17Client['register']>>;
  try {
    answer = await track17.register(items, options);
  } catch (error) {
    if (!(error instanceof Track17RequestError) || error.code === undefined || !isQuotaRefusal(error.code)) throw error;
    for (const item of items)
      outcomes.set(item.number, { kind: 'quota', error: { code: error.code, message: error.message } });
    return outcomes;
  }
  for (const item of items) {
    const accepted = answer.accepted.find((a) => a.number === item.number);
    const refusal = answer.rejected.find((r) => r.number === item.number);
    if (accepted) outcomes.set(item.number, { kind: 'registered', carrier: accepted.carrier });
    else if (refusal?.error.code === TRACK17_CODES.alreadyRegistered) outcomes.set(item.number, { kind: 'registered' });
    else if (refusal && isQuotaRefusal(refusal.error.code))
      outcomes.set(item.number, { kind: 'quota', error: refusal.error });
    else outcomes.set(item.number, { kind: 'refused', error: refusal?.error });
  }
  return outcomes;
}

// 17TRACK's webhook signature: lowercase hex sha256(rawBody + "/" + apiKey) in the `sign` header.
import { createHash, timingSafeEqual } from 'node:crypto';

/** The `sign` header value for a raw push body. */
export function signPush(rawBody: Buffer | string, apiKey: string): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(rawBody), Buffer.from(`/${apiKey}`)]))
    .digest('hex');
}

/** Whether `sign` is the right signature of `rawBody`, compared in constant time. */
export function verifyPushSignature(rawBody: Buffer, sign: string | undefined, apiKey: string): boolean {
  if (!sign || !/^[0-9a-f]{64}$/.test(sign)) return false;
  return timingSafeEqual(Buffer.from(signPush(rawBody, apiKey), 'hex'), Buffer.from(sign, 'hex'));
}

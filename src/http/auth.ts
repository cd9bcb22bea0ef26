// Bearer-token authentication: the platform token from config, or a vendor token whose hash is stored.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { type Queryable, sql } from '../db/sql/sqlTemplate';
import { HttpError } from './httpError';
import { serverTiming } from './serverTiming';

/** Who is calling. */
export type Caller = { kind: 'platform' } | { kind: 'vendor'; vendorId: string };

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

/** The stored form of a vendor token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/** The bearer token of a request, if it sent one in a valid form. */
export function bearerToken(req: Request): string | undefined {
  return /^Bearer ([\x21-\x7e]{1,200})$/.exec(req.get('authorization') ?? '')?.[1];
}

/**
 * The platform's tokens: the current one and, while the storefront and ops switch to it, the one it replaces
 * (`PLATFORM_TOKEN_PREVIOUS`), so a rotation needs no moment when every client changes at once.
 */
export interface PlatformTokens {
  current: string;
  previous?: string | undefined;
}

/** Which platform token `token` is, if any (constant time for each). */
function platformTokenOf(token: string | undefined, tokens: PlatformTokens): 'current' | 'previous' | undefined {
  if (token === undefined) return undefined;
  if (sameSecret(token, tokens.current)) return 'current';
  return tokens.previous !== undefined && sameSecret(token, tokens.previous) ? 'previous' : undefined;
}

/** Whether `token` is a platform token, the current one or the one being rotated out. */
export function isPlatformToken(token: string | undefined, tokens: PlatformTokens): boolean {
  return platformTokenOf(token, tokens) !== undefined;
}

/**
 * Resolves the caller from `Authorization: Bearer <token>`; 401 without a valid token. `onPreviousToken` counts the
 * requests still made with the previous platform token, so ops know when the rotation is over.
 */
export function authenticate(db: Queryable, tokens: PlatformTokens, onPreviousToken?: () => void): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req);
    if (!token) throw new HttpError(401, 'UNAUTHENTICATED', 'Send Authorization: Bearer <token>');
    const platform = platformTokenOf(token, tokens);
    if (platform) {
      if (platform === 'previous') onPreviousToken?.();
      req.caller = { kind: 'platform' };
      return next();
    }
    // Hand-written: every vendor request asks this, and Prisma's query compile costs more than the query.
    const {
      rows: [vendor],
    } = await serverTiming(res)('auth', () =>
      db.query<{ id: string }>(sql`SELECT "id" FROM "Vendor" WHERE "tokenHash" = ${hashToken(token)}`),
    );
    if (!vendor) throw new HttpError(401, 'UNAUTHENTICATED', 'The token is not valid');
    req.caller = { kind: 'vendor', vendorId: vendor.id };
    next();
  };
}

/** The authenticated caller; routes behind `authenticate` always have one. */
export function callerOf(req: { caller?: Caller }): Caller {
  if (!req.caller) throw new HttpError(401, 'UNAUTHENTICATED', 'Send Authorization: Bearer <token>');
  return req.caller;
}

/** 403 unless the caller is the platform. */
export function requirePlatform(caller: Caller): void {
  if (caller.kind !== 'platform') throw new HttpError(403, 'FORBIDDEN', 'Only the platform may do this');
}

/** The vendor id of a vendor caller; 403 for the platform on vendor-only routes. */
export function requireVendor(caller: Caller): string {
  if (caller.kind !== 'vendor') throw new HttpError(403, 'FORBIDDEN', 'Only the vendor may do this');
  return caller.vendorId;
}

// `Idempotency-Key` on POST routes, with Stripe's semantics: the same key with the same request replays the
// first response (status and body, marked `Idempotent-Replayed: true`; a bearer token in it is not kept, so its replay
// has `token: null`); the same key with another request is
// 422; a key whose first request is still running is 409. Keys are per caller and kept for 24 hours.
// Server faults (5xx) are not stored, so a retry after one runs the request again; nor is a request the API died
// in the middle of: after a few minutes its key is free again (every route is safe to run again: intake finds the
// order by externalId, and an action the workflow already took is a 409).
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Prisma } from '../db/generated/client';
import type { PrismaClient } from '../db/prismaClient';
import { isUniqueViolation } from '../db/prismaClient';
import { LONGEST_ACTION_MS } from '../orders/orderActions';
import { callerOf } from './auth';
import { HttpError } from './httpError';

/** How long a key is kept; the retention sweep deletes older records (activities/retentionSweep.ts). */
export const KEY_TTL_MS = 24 * 3_600_000;
/**
 * Longer than any request takes, so a key is freed only when its request is gone: a vendor action can run 47 s
 * (LONGEST_ACTION_MS: an update the workflow accepted, held up by an outage), an intake 5 s.
 */
export const ABANDONED_AFTER_MS = LONGEST_ACTION_MS + 60_000;

/** What identifies "the same request" under one key: method, path and query, and the parsed body. */
export function requestHashOf(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/**
 * What is kept of a response to replay it: all of it but a bearer token. Tokens are stored only as hashes, and a
 * replay must not undo that (a vendor's creation, a token's replacement); it says how to get a new one instead.
 */
export function replayableResponse(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || typeof (body as { token?: unknown }).token !== 'string') return body;
  return {
    ...body,
    token: null,
    tokenNotice:
      'A token is shown once, in the first response, and never stored: POST /v1/vendors/{id}/token gives a new one',
  };
}

/** The idempotency middleware; mount it after authentication. */
export function idempotency(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new HttpError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-255 visible ASCII characters');
    }
    const caller = callerOf(req);
    const scope = caller.kind === 'vendor' ? caller.vendorId : 'platform';
    const requestHash = requestHashOf(req.method, req.originalUrl, req.body);
    const id = { scope_key: { scope, key } };

    const existing = await prisma.idempotencyRecord.findUnique({ where: id });
    const age = existing ? Date.now() - existing.createdAt.getTime() : 0;
    if (existing && (age > KEY_TTL_MS || (existing.status === 0 && age > ABANDONED_AFTER_MS))) {
      // Expired, or its request was abandoned: only this record goes, not one a concurrent retry just wrote.
      await prisma.idempotencyRecord
        .deleteMany({ where: { scope, key, createdAt: existing.createdAt } })
        .catch(() => undefined);
    } else if (existing) {
      if (existing.requestHash !== requestHash) {
        throw new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request', {
          key,
        });
      }
      if (existing.status === 0) {
        throw new HttpError(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running', {
          key,
        });
      }
      res.setHeader('Idempotent-Replayed', 'true');
      if (existing.location) res.location(existing.location);
      res.status(existing.status).json(existing.responseBody);
      return;
    }

    try {
      await prisma.idempotencyRecord.create({ data: { scope, key, requestHash, status: 0 } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new HttpError(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running', {
        key,
      });
    }
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      const stored =
        res.statusCode >= 500
          ? prisma.idempotencyRecord.delete({ where: id })
          : prisma.idempotencyRecord.update({
              where: id,
              data: {
                status: res.statusCode,
                responseBody: replayableResponse(body) as Prisma.InputJsonValue,
                location: res.get('location') ?? null,
              },
            });
      // Answer only once the result is stored, so a retry right after this response replays it.
      stored.then(
        () => send(body),
        () => send(body),
      );
      return res;
    };
    next();
  };
}

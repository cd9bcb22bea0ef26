// `Idempotency-Key` on POST routes, with Stripe's semantics: the same key with the same request replays the
// first response (status and body, marked `Idempotent-Replayed: true`); the same key with another request is
// 422; a key whose first request is still running is 409. Keys are per caller and kept for 24 hours.
// Server faults (5xx) are not stored, so a retry after one runs the request again.
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Prisma } from '../db/generated/client';
import type { PrismaClient } from '../db/prismaClient';
import { isUniqueViolation } from '../db/prismaClient';
import { callerOf } from './auth';
import { HttpError } from './httpError';

const KEY_TTL_MS = 24 * 3_600_000;

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
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const id = { scope_key: { scope, key } };

    const existing = await prisma.idempotencyRecord.findUnique({ where: id });
    if (existing && Date.now() - existing.createdAt.getTime() > KEY_TTL_MS) {
      await prisma.idempotencyRecord.delete({ where: id }).catch(() => undefined);
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
                responseBody: body as Prisma.InputJsonValue,
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

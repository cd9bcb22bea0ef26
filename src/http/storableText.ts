// Text PostgreSQL cannot store (src/domain/storableText.ts) passes every schema yet fails its write: at intake
// that was a 500, and in a vendor action a local activity retried for ever, which wedged the order. So every
// JSON body and query string is checked here, once, before any route sees it.
import type { RequestHandler } from 'express';
import { isStorableText } from '../domain/storableText';
import { HttpError } from './httpError';

/** The path of the first key or string in `value` that PostgreSQL cannot store, if any. */
function firstUnstorable(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, key.replaceAll('\u0000', '\\u0000')];
    const found = firstUnstorable(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** Refuses a request whose JSON body or query holds text PostgreSQL cannot store: 422, before anything runs. */
export function refuseUnstorableText(): RequestHandler {
  return (req, _res, next) => {
    const found = firstUnstorable(req.body, []) ?? firstUnstorable(req.query, []);
    if (!found) return next();
    // The same shape as a schema's answer (src/http/errorMiddleware.ts).
    const path = found.join('.');
    const message = 'must not contain NUL characters (U+0000) or unpaired surrogates';
    next(new HttpError(422, 'VALIDATION_FAILED', `${path || 'body'}: ${message}`, { issues: [{ path, message }] }));
  };
}

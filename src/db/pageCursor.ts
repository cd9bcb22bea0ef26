// Keyset pages over (createdAt, id), newest first: a cursor names the last row of a page and the next page starts
// after it, so rows written in the meantime neither repeat nor shift the pages. Orders and vendors are listed so.
import { HttpError } from '../http/httpError';

/** The last row of a page. */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

/** Newest first, the id breaking ties between rows of the same millisecond. */
export const NEWEST_FIRST = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

function encodePageCursor(row: PageCursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

/** 422 `INVALID_CURSOR`: the answer to a cursor of any list or feed that this API did not return. */
export function invalidCursor(): HttpError {
  return new HttpError(422, 'INVALID_CURSOR', 'cursor is not one this API returned');
}

/**
 * The row a cursor names (undefined without one: the first page); 422 `INVALID_CURSOR` for a cursor the API did not
 * return. The id goes into the query, so it must look like the listed rows' ids, never whatever bytes a forged
 * cursor decodes to.
 */
export function decodePageCursor(cursor: string | undefined, isId: (id: string) => boolean): PageCursor | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !isId(id) || Number.isNaN(createdAt.getTime())) throw invalidCursor();
  return { createdAt, id };
}

/** The where clause of the rows after `after` in NEWEST_FIRST order. */
export function rowsAfter(after: PageCursor) {
  return {
    OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
  };
}

/** A page of `rows` fetched with `take: limit + 1`: the first `limit`, and the cursor of the next page if any. */
export function pageOf<Row extends PageCursor>(rows: Row[], limit: number): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodePageCursor(last) : null };
}

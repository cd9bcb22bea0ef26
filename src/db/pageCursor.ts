// Keyset pages over (createdAt, id), newest first: a cursor names the last row of a page and the next page starts
// after it, so rows written in the meantime neither repeat nor shift the pages. Orders and vendors are listed so.

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

/**
 * The cursor's row, or undefined when the cursor is not one the API returned. The id goes into the query, so it
 * must look like the listed rows' ids, never whatever bytes a forged cursor decodes to.
 */
export function decodePageCursor(cursor: string, isId: (id: string) => boolean): PageCursor | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  return id && isId(id) && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : undefined;
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

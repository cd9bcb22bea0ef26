// A sliding-window rate limit kept in PostgreSQL (RequestRateWindow, see prisma/schema.prisma), so that every
// worker process on one API key shares it: an in-process limiter lets N workers send N times the rate.
import { type Queryable, sql } from './sqlTemplate';

export interface RequestWindow {
  /** Identifies the limited key; never the key itself. */
  keyHash: string;
  /** Request starts allowed in any `windowMs`. */
  perWindow: number;
  windowMs: number;
}

/**
 * Reserves the next start on the window of `keyHash` and returns how many milliseconds from now it is (0: at
 * once). A start is the later of now, the last reserved start (callers go in turn) and the start `perWindow`
 * back plus the window. One statement under the row's lock; the database's clock is the only clock, so
 * processes on machines whose clocks disagree still share one window.
 */
export async function reserveRequestStart(db: Queryable, window: RequestWindow): Promise<number> {
  const { keyHash, perWindow, windowMs } = window;
  // GREATEST ignores NULLs: while fewer than perWindow starts are kept, the window's own term is out of range.
  // The slice keeps the last perWindow starts, the new one included.
  const { rows } = await db.query<{ waitMs: number }>(sql`
    INSERT INTO "RequestRateWindow" AS w ("keyHash", "starts") VALUES (${keyHash}, ARRAY[clock_timestamp()])
    ON CONFLICT ("keyHash") DO UPDATE SET "starts" = (
      w."starts" || GREATEST(
        clock_timestamp(),
        w."starts"[cardinality(w."starts")],
        w."starts"[cardinality(w."starts") - ${perWindow}::int + 1] + ${windowMs}::int * interval '1 millisecond'
      )
    )[GREATEST(1, cardinality(w."starts") - ${perWindow}::int + 2):]
    RETURNING GREATEST(0, ceil(
      extract(epoch FROM "starts"[cardinality("starts")] - clock_timestamp()) * 1000
    ))::float8 AS "waitMs"`);
  return rows[0]!.waitMs;
}

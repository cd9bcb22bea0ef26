// Where a relay of the change feed has got to, one row per relay (FeedRelayCursor): read at the start of a run,
// moved on after each batch its receiver confirmed, and its failures kept for ops to see.
import { type Queryable, sql } from './sqlTemplate';

export interface RelayPosition {
  cursor: string;
  /** Failed deliveries since the last one confirmed: a new run keeps backing off where the last one was. */
  failures: number;
}

/** The relay's position; a relay that has none yet starts at `start()` (the feed's end: only what comes next). */
export async function relayCursor(db: Queryable, name: string, start: () => Promise<string>): Promise<RelayPosition> {
  const {
    rows: [row],
  } = await db.query<RelayPosition>(sql`SELECT "cursor", "failures" FROM "FeedRelayCursor" WHERE "name" = ${name}`);
  if (row) return row;
  await db.query(sql`
    INSERT INTO "FeedRelayCursor" ("name", "cursor") VALUES (${name}, ${await start()})
    ON CONFLICT ("name") DO NOTHING`);
  return relayCursor(db, name, start);
}

/** A batch confirmed: the cursor moves past it, and the failures before it are over. */
export async function relayDelivered(db: Queryable, name: string, cursor: string): Promise<void> {
  await db.query(sql`
    UPDATE "FeedRelayCursor" SET "cursor" = ${cursor}, "deliveredAt" = ${new Date().toISOString()}::timestamp,
      "failures" = 0
    WHERE "name" = ${name}`);
}

/** A batch not confirmed: the cursor stays, and ops see why. */
export async function relayFailed(db: Queryable, name: string, reason: string): Promise<void> {
  await db.query(sql`
    UPDATE "FeedRelayCursor" SET "failures" = "failures" + 1, "lastError" = ${reason.slice(0, 500)},
      "lastErrorAt" = ${new Date().toISOString()}::timestamp
    WHERE "name" = ${name}`);
}

// The order change feed (GET /v1/events): every order event, in the order they were committed, for the storefront
// to follow status changes without polling each order. A vendor's cancellation (a refund to make), a shipment (a
// tracking number to show) and a delivery reach it this way, with nothing to host and nothing lost.
//
// Why the order is (writing transaction, insert order) and not a plain sequence: sequence numbers are taken when a
// row is inserted, not when it commits, so a reader could see number 105 committed, move its cursor there, and
// never see 104 committed a moment later. The feed therefore serves only events whose transaction is older than
// every transaction still running (`pg_snapshot_xmin`): those are final, and every event committed later belongs
// to a newer transaction, so it sorts after any cursor already handed out. The price is that a long-running write
// transaction holds the newest events back until it ends; the service runs none.
import { invalidCursor } from '../db/pageCursor';
import { type Queryable, sql } from '../db/sql/sqlTemplate';
import type { OrderStatus } from '../domain/orderStatus';

/** A place in the feed: the transaction id and insert number of the last event read (both decimal strings). */
interface FeedPosition {
  tx: string;
  seq: string;
}

const START: FeedPosition = { tx: '0', seq: '0' };
const POSITION = /^(\d{1,20})\.(\d{1,19})$/;

function encodeFeedCursor(position: FeedPosition): string {
  return Buffer.from(`${position.tx}.${position.seq}`).toString('base64url');
}

/** The position a cursor names (the start without one); 422 `INVALID_CURSOR` for one this API did not return. */
function decodeFeedCursor(cursor: string | undefined): FeedPosition {
  if (cursor === undefined) return START;
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1] || !match[2] || BigInt(match[1]) >= 2n ** 64n || BigInt(match[2]) >= 2n ** 63n) throw invalidCursor();
  return { tx: match[1], seq: match[2] };
}

/** The cursor after the last event the feed serves now: where a reader that wants only what comes next starts. */
export async function changeFeedEnd(db: Queryable): Promise<string> {
  const {
    rows: [last],
  } = await db.query<Pick<FeedRow, 'feedTx' | 'feedSeq'>>(sql`
    SELECT "feedTx"::text AS "feedTx", "feedSeq"::text AS "feedSeq" FROM "OrderEvent"
    WHERE "feedTx" < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY "feedTx" DESC, "feedSeq" DESC LIMIT 1`);
  return encodeFeedCursor(last ? { tx: last.feedTx, seq: last.feedSeq } : START);
}

export interface ChangeFeedQuery {
  /** The `nextCursor` of the previous read; without it the feed starts at the first event ever recorded. */
  cursor?: string | undefined;
  limit: number;
}

interface FeedRow {
  id: string;
  orderId: string;
  externalId: string;
  vendorId: string;
  seq: number;
  type: string;
  actor: string;
  data: unknown;
  at: Date;
  status: OrderStatus | null;
  feedTx: string;
  feedSeq: string;
}

/**
 * The next `limit` events after the cursor, oldest first. `nextCursor` is always given: the next read starts
 * there, and returns nothing new until more events are committed. `hasMore` says whether to read again at once.
 */
export async function readChangeFeed(db: Queryable, query: ChangeFeedQuery) {
  const after = decodeFeedCursor(query.cursor);
  const { rows } = await db.query<FeedRow>(sql`
    SELECT e."id", e."orderId", o."externalId", o."vendorId", e."seq", e."type", e."actor", e."data", e."at",
      e."status"::text AS "status", e."feedTx"::text AS "feedTx", e."feedSeq"::text AS "feedSeq"
    FROM "OrderEvent" e JOIN "Order" o ON o."id" = e."orderId"
    WHERE (e."feedTx", e."feedSeq") > (${after.tx}::xid8, ${after.seq}::bigint)
      AND e."feedTx" < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY e."feedTx", e."feedSeq"
    LIMIT ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    events: page.map((row) => {
      const cursor = encodeFeedCursor({ tx: row.feedTx, seq: row.feedSeq });
      return {
        id: row.id,
        cursor,
        orderId: row.orderId,
        externalId: row.externalId,
        vendorId: row.vendorId,
        seq: row.seq,
        type: row.type,
        actor: row.actor,
        status: row.status,
        at: row.at.toISOString(),
        data: row.data,
      };
    }),
    nextCursor: encodeFeedCursor(last ? { tx: last.feedTx, seq: last.feedSeq } : after),
    hasMore: rows.length > query.limit,
  };
}

/** One event of the feed as GET /v1/events and the storefront webhooks give it. */
export type ChangeFeedEvent = Awaited<ReturnType<typeof readChangeFeed>>['events'][number];

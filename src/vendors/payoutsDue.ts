// What the marketplace owes, for its payout run: every vendor with earnings available in a currency, with the amount,
// in one read. Before, a payout run read every vendor's earnings one request at a time to find the few it owed. And
// the other way round: the vendors whose available balance a chargeback took below zero, who owe the marketplace.
import { invalidCursor } from '../db/pageCursor';
import { type Queryable, sql } from '../db/sql/sqlTemplate';

/** A page of vendor balances, in (vendor id, currency) order, so a run pages through them once each. */
interface DueCursor {
  vendorId: string;
  currency: string;
}

const VENDOR_ID = /^ven_[\w-]{1,96}$/;
const CURRENCY = /^[A-Z]{3}$/;

function encodeDueCursor(row: DueCursor): string {
  return Buffer.from(`${row.vendorId}|${row.currency}`).toString('base64url');
}

/** The row a cursor names; 422 `INVALID_CURSOR` for one this API did not return. */
function decodeDueCursor(cursor: string | undefined): DueCursor | undefined {
  if (cursor === undefined) return undefined;
  const [vendorId, currency] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!vendorId || !currency || !VENDOR_ID.test(vendorId) || !CURRENCY.test(currency)) throw invalidCursor();
  return { vendorId, currency };
}

type DueRow = { vendorId: string; name: string; email: string; currency: string; available: string };

type BalancesQuery = { currency?: string | undefined; cursor?: string | undefined; limit: number };

/** Each vendor and currency whose available balance has the sign `sign`, `limit` at a time. */
async function availableBalances(db: Queryable, query: BalancesQuery, sign: 1 | -1) {
  const after = decodeDueCursor(query.cursor);
  const { rows } = await db.query<DueRow>(sql`
    SELECT e."vendorId", v."name", v."email", e."currency", SUM(e."amount")::text AS "available"
    FROM "EarningsEntry" e JOIN "Vendor" v ON v."id" = e."vendorId"
    WHERE e."bucket" = 'AVAILABLE'
      AND (${query.currency ?? null}::text IS NULL OR e."currency" = ${query.currency ?? null}::text)
      AND (${after?.vendorId ?? null}::text IS NULL
        OR (e."vendorId", e."currency") > (${after?.vendorId ?? null}::text, ${after?.currency ?? null}::text))
    GROUP BY e."vendorId", v."name", v."email", e."currency"
    HAVING sign(SUM(e."amount")) = ${sign}
    ORDER BY e."vendorId", e."currency"
    LIMIT ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    balances: page.map((row) => ({
      vendor: { id: row.vendorId, name: row.name, email: row.email },
      // A sum of many int entries can pass 2^31; as text it arrives whole, and minor units stay far below 2^53.
      available: { amount: Number(row.available), currency: row.currency },
    })),
    nextCursor: rows.length > query.limit && last ? encodeDueCursor(last) : null,
  };
}

/**
 * Each vendor and currency with a positive available balance (released and not yet paid out), `limit` at a time,
 * optionally in one currency only.
 */
export async function payoutsDue(db: Queryable, query: BalancesQuery) {
  const { balances, nextCursor } = await availableBalances(db, query, 1);
  return { due: balances, nextCursor };
}

/**
 * Each vendor and currency whose available balance is below zero (a chargeback took back more than was left), with
 * what it owes, `limit` at a time: those are the vendors ops collect from, and whose payouts wait meanwhile.
 */
export async function vendorsOwing(db: Queryable, query: BalancesQuery) {
  const { balances, nextCursor } = await availableBalances(db, query, -1);
  return {
    owing: balances.map(({ vendor, available }) => ({ vendor, owes: { ...available, amount: -available.amount } })),
    nextCursor,
  };
}

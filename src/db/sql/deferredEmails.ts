// Emails the SMTP server failed (EmailOutbox.deferredAt, see prisma/schema.prisma): marked by the email
// activity so the order goes on, and listed for the outbox relay, which sends them once SMTP is back; or,
// refused for good, marked REJECTED and never sent again; or, no longer worth sending by then, marked OUTDATED.
// The relay also sends the payout (sent, returned) and chargeback emails, which no running workflow sends.
import { toStorableText } from '../../domain/storableText';
import { CHARGEBACK_EMAIL_KIND } from '../../mail/chargebackEmail';
import { PAYOUT_EMAIL_KINDS } from '../../mail/payoutEmail';
import { type Queryable, type SqlFragment, sql, sqlFragment } from './sqlTemplate';

/** Emails asked for longer ago than this stay PENDING for ops: the outbox relay's Schedule says why a week. */
export const OUTBOX_RELAY_GIVE_UP_AFTER_MS = 7 * 24 * 60 * 60_000;

/** Emails the API writes for the relay to send, from the start: no workflow sends them (no order, or one ended). */
const SENT_BY_THE_RELAY = [...PAYOUT_EMAIL_KINDS, CHARGEBACK_EMAIL_KIND];

/**
 * How the notes the service itself writes in `lastError` begin, beside the SMTP server's errors: an email held behind
 * an earlier one, and a refused one sent again to a corrected address. The order's emails read tells them apart.
 */
export const HELD_NOTE = 'held behind ';
export const SENT_AGAIN_NOTE = 'refused before, at ';

/** The email of `key` is left to the outbox relay; `error` says what the SMTP server did. */
export async function deferOutboxEmail(db: Queryable, key: string, error: string): Promise<void> {
  await db.query(sql`
    UPDATE "EmailOutbox" SET "deferredAt" = ${new Date().toISOString()}::timestamp, "lastError" = ${toStorableText(error.slice(0, 500))}
    WHERE "key" = ${key} AND "status" = 'PENDING'`);
}

/** The email of `key` waits for the relay behind `earlierKey`, which the SMTP server failed, and goes after it. */
export function holdOutboxEmail(db: Queryable, key: string, earlierKey: string): Promise<void> {
  return deferOutboxEmail(db, key, `${HELD_NOTE}${earlierKey}, which the SMTP server failed: sent after it`);
}

/** Settles the email of `key` for good without sending it, with `note` kept for ops. */
async function settleUnsentEmail(db: Queryable, key: string, status: 'REJECTED' | 'OUTDATED', note: string) {
  await db.query(sql`
    UPDATE "EmailOutbox" SET "status" = ${status}::"EmailStatus", "lastError" = ${toStorableText(note.slice(0, 500))}
    WHERE "key" = ${key} AND "status" = 'PENDING'`);
}

/** The email of `key` was refused for good; `error` is the SMTP server's reply, kept for ops. */
export function rejectOutboxEmail(db: Queryable, key: string, error: string): Promise<void> {
  return settleUnsentEmail(db, key, 'REJECTED', error);
}

/** The email of `key` is no longer worth sending (src/mail/outdatedEmail.ts); `reason` says why, for ops. */
export function outdateOutboxEmail(db: Queryable, key: string, reason: string): Promise<void> {
  return settleUnsentEmail(db, key, 'OUTDATED', `not sent: ${reason}`);
}

/**
 * The emails of `kinds` the SMTP server refused for the order go again, through the outbox relay, to `to`: the store
 * has given the address they go to anew (a typo in the customer's email, say). They are PENDING and deferred from
 * now, and addressed to `to` already, so the order's next emails there wait behind them (`earlierHeldEmail`).
 */
export async function sendRefusedEmailsAgain(
  db: Queryable,
  { orderId, kinds, to }: { orderId: string; kinds: readonly string[]; to: string },
): Promise<void> {
  // (The right-hand sides read the row as it was: the refused address goes in lastError.)
  await db.query(sql`
    UPDATE "EmailOutbox" SET "status" = 'PENDING', "deferredAt" = ${new Date().toISOString()}::timestamp, "to" = ${to},
      "lastError" = ${SENT_AGAIN_NOTE}::text || "to" || ': to be sent again to the new address'
    WHERE "orderId" = ${orderId} AND "status" = 'REJECTED' AND "kind" = ANY(${[...kinds]}::text[])`);
}

/**
 * The key of an earlier email of the "EmailOutbox" row's order, to the same address, that the relay has still to
 * send (or to find outdated): one the SMTP server failed, asked for after `since`. The row waits behind it, so that
 * one person's emails about one order arrive in the order they were asked for: "shipped" before "delivered",
 * however an outage and its retries shuffled them. (The relay gives up on emails asked for before `since`, so none
 * waits behind one of those.)
 */
export function earlierHeldEmail(since: Date): SqlFragment {
  return sqlFragment`(
    SELECT "earlier"."key" FROM "EmailOutbox" "earlier"
    WHERE "earlier"."orderId" = "EmailOutbox"."orderId" AND "earlier"."to" = "EmailOutbox"."to"
      AND "earlier"."status" = 'PENDING' AND "earlier"."deferredAt" IS NOT NULL AND "earlier"."request" IS NOT NULL
      AND "earlier"."createdAt" < "EmailOutbox"."createdAt" AND "earlier"."createdAt" > ${since.toISOString()}::timestamp
    ORDER BY "earlier"."createdAt" LIMIT 1)`;
}

export interface DeferredEmail {
  key: string;
  kind: string;
  request: unknown;
}

/**
 * Up to `limit` unsent emails, longest waiting first: those deferred before `before`, and the payout and chargeback
 * emails, which wait for the relay from the start; all asked for after `since` (older ones stay PENDING for ops, as
 * an email whose retries ran out always has). "Longest waiting" counts from the last failure, so an email the SMTP
 * server keeps failing does not hold up the rest. An email with an earlier one of its order and address still
 * unsent is left out: it is listed once that one is settled.
 */
export async function selectDeferredEmails(
  db: Queryable,
  { before, since, limit }: { before: Date; since: Date; limit: number },
): Promise<DeferredEmail[]> {
  const { rows } = await db.query<DeferredEmail>(sql`
    SELECT "key", "kind", "request" FROM "EmailOutbox"
    WHERE "status" = 'PENDING'
      AND ("deferredAt" < ${before.toISOString()}::timestamp OR ("deferredAt" IS NULL AND "kind" = ANY(${SENT_BY_THE_RELAY}::text[])))
      AND "createdAt" > ${since.toISOString()}::timestamp AND "request" IS NOT NULL
      AND NOT EXISTS ${earlierHeldEmail(since)}
    ORDER BY coalesce("deferredAt", "createdAt") LIMIT ${limit}`);
  return rows;
}

// Emails the SMTP server failed (EmailOutbox.deferredAt, see prisma/schema.prisma): marked by the email
// activity so the order goes on, and listed for the outbox relay, which sends them once SMTP is back; or,
// refused for good, marked REJECTED and never sent again. The relay also sends the payout emails, which have no
// order to send them.
import { toStorableText } from '../../domain/storableText';
import { PAYOUT_EMAIL_KIND } from '../../mail/payoutEmail';
import { type Queryable, sql } from './sqlTemplate';

/** The email of `key` is left to the outbox relay; `error` says what the SMTP server did. */
export async function deferOutboxEmail(db: Queryable, key: string, error: string): Promise<void> {
  await db.query(sql`
    UPDATE "EmailOutbox" SET "deferredAt" = ${new Date().toISOString()}::timestamp, "lastError" = ${toStorableText(error.slice(0, 500))}
    WHERE "key" = ${key} AND "status" = 'PENDING'`);
}

/** The email of `key` was refused for good; `error` is the SMTP server's reply, kept for ops. */
export async function rejectOutboxEmail(db: Queryable, key: string, error: string): Promise<void> {
  await db.query(sql`
    UPDATE "EmailOutbox" SET "status" = 'REJECTED', "lastError" = ${toStorableText(error.slice(0, 500))}
    WHERE "key" = ${key} AND "status" = 'PENDING'`);
}

export interface DeferredEmail {
  key: string;
  kind: string;
  request: unknown;
}

/**
 * Up to `limit` unsent emails, longest waiting first: those deferred before `before`, and the payout emails, which
 * wait for the relay from the start (src/vendors/vendorPayouts.ts); all asked for after `since` (older ones stay
 * PENDING for ops, as an email whose retries ran out always has).
 */
export async function selectDeferredEmails(
  db: Queryable,
  { before, since, limit }: { before: Date; since: Date; limit: number },
): Promise<DeferredEmail[]> {
  const { rows } = await db.query<DeferredEmail>(sql`
    SELECT "key", "kind", "request" FROM "EmailOutbox"
    WHERE "status" = 'PENDING'
      AND ("deferredAt" < ${before.toISOString()}::timestamp OR ("deferredAt" IS NULL AND "kind" = ${PAYOUT_EMAIL_KIND}))
      AND "createdAt" > ${since.toISOString()}::timestamp AND "request" IS NOT NULL
    ORDER BY coalesce("deferredAt", "createdAt") LIMIT ${limit}`);
  return rows;
}

// The outbox claim of one email as one SQL statement: the row on the first attempt, one more attempt counted
// on it after that while it is unsent, and the row's status either way, with the earlier email it must wait behind
// if there is one. Prisma's findUnique plus upsert cost about 4 ms of CPU per email, mostly query compiling; this is
// one round trip and no compile.
import { randomUUID } from 'node:crypto';
import { OUTBOX_RELAY_GIVE_UP_AFTER_MS, earlierHeldEmail } from './deferredEmails';
import { type Queryable, sql } from './sqlTemplate';

export interface OutboxEmail {
  key: string;
  orderId: string;
  kind: string;
  to: string;
  subject: string;
  messageId: string;
  /** What the email was asked with, kept so the outbox relay can send it later (activities/outboxRelay.ts). */
  request: unknown;
}

/** An outbox row's status: PENDING until it is sent, refused for good, or found outdated by the outbox relay. */
export type OutboxStatus = 'PENDING' | 'SENT' | 'REJECTED' | 'OUTDATED';

export interface OutboxClaim {
  /** Anything but 'PENDING': an earlier attempt settled the email (sent it, had it refused, found it outdated). */
  status: OutboxStatus;
  /**
   * The key of an earlier email of the order to the same address that the SMTP server failed and the outbox relay
   * has still to send: this one is not sent before it (src/db/sql/deferredEmails.ts). Null when there is none.
   */
  heldBehind: string | null;
}

/** Claims `email`'s outbox row: whether it is still to be sent, and whether it must wait behind an earlier one. */
export async function claimOutboxEmail(db: Queryable, email: OutboxEmail): Promise<OutboxClaim> {
  const now = new Date(); // timestamp(3) columns hold UTC, as Prisma writes them
  const {
    rows: [row],
  } = await db.query<OutboxClaim>(sql`
    INSERT INTO "EmailOutbox"
      ("id", "key", "orderId", "kind", "to", "subject", "messageId", "attempts", "createdAt", "request")
    VALUES (${randomUUID()}, ${email.key}, ${email.orderId}, ${email.kind}, ${email.to}, ${email.subject},
      ${email.messageId}, 1, ${now.toISOString()}::timestamp, ${JSON.stringify(email.request)}::jsonb)
    ON CONFLICT ("key") DO UPDATE
      SET "attempts" = "EmailOutbox"."attempts" + CASE WHEN "EmailOutbox"."status" = 'PENDING' THEN 1 ELSE 0 END,
        -- Where an unsent email goes now: the store may have changed the customer's address since the last attempt.
        "to" = CASE WHEN "EmailOutbox"."status" = 'PENDING' THEN EXCLUDED."to" ELSE "EmailOutbox"."to" END
    RETURNING "status"::text AS "status",
      ${earlierHeldEmail(new Date(now.getTime() - OUTBOX_RELAY_GIVE_UP_AFTER_MS))} AS "heldBehind"`);
  if (!row) throw new Error(`the outbox claim of ${email.key} returned no row`);
  return row;
}

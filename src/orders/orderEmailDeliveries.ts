// What became of an order's emails, for its vendor and for ops: "did the customer get their tracking?" is the
// question a vendor hears most, and until now only ops could answer it, in SQL. Read from the outbox rows
// (src/db/sql/selectOrderEmails.ts), which say whether each email was sent, is waiting for the mail server, was
// refused by it, or was no longer worth sending.
import { HELD_NOTE, SENT_AGAIN_NOTE } from '../db/sql/deferredEmails';
import { type OrderEmailRow, selectOrderEmails } from '../db/sql/selectOrderEmails';
import type { Queryable } from '../db/sql/sqlTemplate';
import type { Caller } from '../http/auth';
import { findOrderStatusFor } from './orderReads';

/** Where one email stands, in the words the API and the dashboard use. */
export const EMAIL_DELIVERIES = ['sent', 'sending', 'waiting', 'refused', 'outdated'] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];

/** Who an email is for: every kind's name starts with its reader (src/mail/orderEmails.ts; a unit test holds it). */
export const EMAIL_READERS = ['customer', 'vendor', 'ops'] as const;
export type EmailReader = (typeof EMAIL_READERS)[number];

export interface OrderEmailView {
  kind: string;
  reader: EmailReader;
  to: string;
  subject: string;
  delivery: EmailDelivery;
  askedAt: string;
  sentAt: string | null;
  /** Why it is waiting, what the mail server said when it refused it, or why it was not sent; null once sent. */
  detail: string | null;
}

/** Whom an email of `kind` is for. A kind of no known reader counts as ops', so a vendor never sees one by mistake. */
export function emailReaderOf(kind: string): EmailReader {
  return EMAIL_READERS.find((reader) => kind.startsWith(`${reader}-`)) ?? 'ops';
}

function deliveryOf(row: OrderEmailRow): EmailDelivery {
  if (row.status === 'SENT') return 'sent';
  if (row.status === 'REJECTED') return 'refused';
  if (row.status === 'OUTDATED') return 'outdated';
  // PENDING: the mail server failed it (or it waits behind one that was), or it is being sent now (a chargeback's
  // email waits for the relay's next run, within a minute, from the start).
  return row.deferredAt ? 'waiting' : 'sending';
}

/**
 * Why a waiting email waits, as a vendor reads it. The mail server's error names the marketplace's mail setup (its
 * host and port, say), which is ops' business: the vendor learns that the email goes out by itself. The notes the
 * service writes itself (held behind an earlier email, sent again to a corrected address) are kept, in plain words.
 */
function waitingDetailForVendor(lastError: string | null): string {
  if (lastError?.startsWith(HELD_NOTE))
    return 'waits for an earlier email to the same address, which the mail server failed: it goes right after it';
  if (lastError?.startsWith(SENT_AGAIN_NOTE)) return lastError;
  return 'the mail server did not take it: it goes out by itself once the server answers';
}

function emailView(row: OrderEmailRow, caller: Caller): OrderEmailView {
  const delivery = deliveryOf(row);
  let detail = delivery === 'sent' || delivery === 'sending' ? null : row.lastError;
  if (delivery === 'waiting' && caller.kind === 'vendor') detail = waitingDetailForVendor(row.lastError);
  return {
    kind: row.kind,
    reader: emailReaderOf(row.kind),
    to: row.to,
    subject: row.subject,
    delivery,
    askedAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    detail,
  };
}

/**
 * The emails of order `orderId` as `caller` may see them, oldest first; 404 when the caller may not see the order.
 * A vendor does not see ops' emails about its order (an escalation, a refund to make): they are the marketplace's.
 */
export async function orderEmailsFor(db: Queryable, caller: Caller, orderId: string): Promise<OrderEmailView[]> {
  await findOrderStatusFor(db, caller, orderId);
  const emails = (await selectOrderEmails(db, orderId)).map((row) => emailView(row, caller));
  return caller.kind === 'vendor' ? emails.filter((email) => email.reader !== 'ops') : emails;
}

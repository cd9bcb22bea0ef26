// The emails of one order as its outbox rows have them, oldest first: what the order's emails read shows
// (src/orders/orderEmailDeliveries.ts). One statement on the outbox's orderId index.
import { type Queryable, sql } from './sqlTemplate';
import type { OutboxStatus } from './claimOutboxEmail';

export interface OrderEmailRow {
  kind: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  createdAt: Date;
  sentAt: Date | null;
  deferredAt: Date | null;
  lastError: string | null;
}

export async function selectOrderEmails(db: Queryable, orderId: string): Promise<OrderEmailRow[]> {
  const { rows } = await db.query<OrderEmailRow>(sql`
    SELECT "kind", "to", "subject", "status"::text AS "status", "createdAt", "sentAt", "deferredAt", "lastError"
    FROM "EmailOutbox" WHERE "orderId" = ${orderId} ORDER BY "createdAt", "key"`);
  return rows;
}

// A chargeback of a completed order in one transaction: the released earnings taken back in the ledger (−X
// available, +X reversed), the event on the order's timeline (and so in the change feed), and the vendor's email
// in the outbox, all or nothing. The ledger's unique keys decide which of several attempts writes it: a second
// attempt waits on the first's keys, then inserts nothing, and so appends no event and queues no email.
import type pg from 'pg';
import type { SendOrderEmailInput } from '../../../activities/emails';
import { withOwnConnection } from '../ownConnection';
import { appendEventToEndedOrder } from './appendEventToEndedOrder';
import { sql } from './sqlTemplate';

export interface ChargeBack {
  orderId: string;
  vendorId: string;
  reason: string;
  /** The released earnings taken back. */
  amount: number;
  currency: string;
  /** The vendor's email, as the outbox relay will send it. */
  email: { key: string; subject: string; messageId: string; request: SendOrderEmailInput };
}

/** Writes the chargeback; false when the order was charged back already. */
export async function chargeBackOrder(pool: pg.Pool, chargeBack: ChargeBack): Promise<boolean> {
  const { orderId, vendorId, reason, amount, currency, email } = chargeBack;
  const now = new Date().toISOString(); // timestamp(3) columns hold UTC, as Prisma writes them
  return withOwnConnection(pool, async (client) => {
    await client.query('BEGIN');
    const ledger = await client.query(sql`
      INSERT INTO "EarningsEntry" ("id", "key", "vendorId", "orderId", "bucket", "amount", "currency", "reason",
        "createdAt")
      SELECT gen_random_uuid()::text, ${orderId} || ':chargeback:' || m."bucket", ${vendorId}, ${orderId},
        m."bucket"::"EarningsBucket", m."sign" * ${amount}::int, ${currency}, 'chargeback', ${now}::timestamp
      FROM (VALUES ('AVAILABLE', -1), ('REVERSED', 1)) AS m("bucket", "sign")
      ON CONFLICT ("key") DO NOTHING`);
    const charged = (ledger.rowCount ?? 0) > 0;
    if (charged) {
      const data = { reason, amount, currency };
      await appendEventToEndedOrder(client, orderId, {
        type: 'earnings.charged_back',
        actor: 'platform',
        at: now,
        data,
      });
      await client.query(sql`
        INSERT INTO "EmailOutbox" ("id", "key", "orderId", "kind", "to", "subject", "messageId", "createdAt", "request")
        SELECT gen_random_uuid()::text, ${email.key}, ${orderId}, ${email.request.kind}, v."email", ${email.subject},
          ${email.messageId}, ${now}::timestamp, ${JSON.stringify(email.request)}::jsonb
        FROM "Vendor" v WHERE v."id" = ${vendorId}
        ON CONFLICT ("key") DO NOTHING`);
    }
    await client.query('COMMIT');
    return charged;
  });
}

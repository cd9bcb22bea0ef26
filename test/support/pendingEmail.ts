// A PENDING outbox email made for a test of the outbox send itself, with no order or workflow behind it.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { claimOutboxEmail } from '../../src/db/sql/claimOutboxEmail';

/** Claims a new vendor "new order" email of `orderId` in the database of `pool`, still PENDING; returns its key. */
export async function claimPendingEmail(pool: Pool, orderId: string): Promise<string> {
  const key = `order-${orderId}:${randomUUID()}:1`;
  const claimed = await claimOutboxEmail(pool, {
    key,
    orderId,
    kind: 'vendor-new-order',
    to: 'vendor@example.com',
    subject: 'New order',
    messageId: `<${key}@test>`,
    request: { orderId, kind: 'vendor-new-order', occurrence: 1, details: {} },
  });
  if (claimed.status !== 'PENDING') throw new Error(`the new outbox email ${key} is ${claimed.status}`);
  return key;
}

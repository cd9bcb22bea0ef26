// One person's emails about one order go out in the order they were asked for, however an SMTP outage and the
// outbox relay's retries shuffled them: the outbox claim holds a later email behind an earlier one the relay has
// still to send, and the relay leaves it for a run after that one. On PostgreSQL (the end-to-end case, with
// Temporal and SMTP, is in smtpOutage.test.ts).
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database';
import { createPgPool } from '../../src/db/pgPool';
import { claimOutboxEmail } from '../../src/db/sql/claimOutboxEmail';
import {
  OUTBOX_RELAY_GIVE_UP_AFTER_MS,
  deferOutboxEmail,
  outdateOutboxEmail,
  selectDeferredEmails,
} from '../../src/db/sql/deferredEmails';
import { type OwnDatabase, createOwnDatabase } from '../support/ownDatabase';

let own: OwnDatabase;
let database: Database;
let pool: Pool;

// A database of its own: its emails are of orders that do not exist, and another file's outbox relay run must not
// find them (it did, and failed on them at every attempt, until that file's test timed out).
beforeAll(async () => {
  own = await createOwnDatabase('held_emails');
  database = openDatabase(own.url);
  pool = createPgPool(own.url, { max: 2, connectionTimeoutMillis: 5_000 });
});
afterAll(async () => {
  await pool?.end();
  await database?.close();
  await own?.drop();
});

const CUSTOMER = 'ana@example.com';

/** Claims an email of `orderId` to `to`, asked for `minutesAgo`; its key is the kind. */
async function claim(orderId: string, kind: string, to: string, minutesAgo = 0) {
  const key = `order-${orderId}:${kind}:1`;
  const claimed = await claimOutboxEmail(pool, {
    key,
    orderId,
    kind,
    to,
    subject: kind,
    messageId: `<${key}@test>`,
    request: { orderId, kind, occurrence: 1, details: {} },
  });
  if (minutesAgo > 0) {
    await pool.query(
      `UPDATE "EmailOutbox" SET "createdAt" = "createdAt" - make_interval(mins => $2) WHERE "key" = $1`,
      [key, minutesAgo],
    );
  }
  return { key, ...claimed };
}

/** What the relay would take now, of `orderId`'s emails. */
async function relayWouldSend(orderId: string): Promise<string[]> {
  const now = Date.now();
  const emails = await selectDeferredEmails(pool, {
    before: new Date(now + 1_000),
    since: new Date(now - OUTBOX_RELAY_GIVE_UP_AFTER_MS),
    limit: 1_000,
  });
  return emails.map((email) => email.key).filter((key) => key.includes(orderId));
}

describe('the outbox claim', () => {
  it('holds an email behind an earlier one of its order to the same address that the relay has still to send', async () => {
    const orderId = `ord_${randomUUID()}`;
    const shipped = await claim(orderId, 'customer-shipped', CUSTOMER, 10);
    expect(shipped).toMatchObject({ status: 'PENDING', heldBehind: null });
    await deferOutboxEmail(pool, shipped.key, '421 try again later');

    expect(await claim(orderId, 'customer-delivered', CUSTOMER)).toMatchObject({
      status: 'PENDING',
      heldBehind: shipped.key,
    });
    // Another reader's email, or another order's to the same customer, has nothing to wait for.
    expect((await claim(orderId, 'vendor-earnings-available', 'vendor@example.com')).heldBehind).toBeNull();
    expect((await claim(`ord_${randomUUID()}`, 'customer-shipped', CUSTOMER)).heldBehind).toBeNull();
  });

  it('holds nothing behind an email that was settled, or that the relay gave up on', async () => {
    const settled = `ord_${randomUUID()}`;
    const outdated = await claim(settled, 'customer-shipped', CUSTOMER, 10);
    await deferOutboxEmail(pool, outdated.key, '421 try again later');
    await outdateOutboxEmail(pool, outdated.key, 'the vendor corrected the tracking number since');
    expect((await claim(settled, 'customer-delivered', CUSTOMER)).heldBehind).toBeNull();

    const givenUp = `ord_${randomUUID()}`;
    const weekOld = await claim(givenUp, 'customer-shipped', CUSTOMER, 8 * 24 * 60);
    await deferOutboxEmail(pool, weekOld.key, '421 try again later');
    expect((await claim(givenUp, 'customer-delivered', CUSTOMER)).heldBehind).toBeNull();
  });

  it('does not hold an email behind a later one', async () => {
    const orderId = `ord_${randomUUID()}`;
    const shipped = await claim(orderId, 'customer-shipped', CUSTOMER, 10);
    const delivered = await claim(orderId, 'customer-delivered', CUSTOMER, 5);
    await deferOutboxEmail(pool, delivered.key, '421 try again later');
    expect(await claim(orderId, 'customer-shipped', CUSTOMER)).toMatchObject({ key: shipped.key, heldBehind: null });
  });
});

describe('the outbox relay’s list', () => {
  it('leaves an email for a later run while an earlier one of its order to the same address is unsent', async () => {
    const orderId = `ord_${randomUUID()}`;
    const shipped = await claim(orderId, 'customer-shipped', CUSTOMER, 10);
    const delivered = await claim(orderId, 'customer-delivered', CUSTOMER, 5);
    const earnings = await claim(orderId, 'vendor-earnings-available', 'vendor@example.com', 4);
    // Deferred in this order, a second apart (the same millisecond would leave the relay's order to chance). The
    // relay tried "shipped" last, so it has waited least since its last failure: before, it came last.
    const deferredSecondsAgo = async (key: string, seconds: number) => {
      await deferOutboxEmail(pool, key, '421 try again later');
      await pool.query(
        `UPDATE "EmailOutbox" SET "deferredAt" = "deferredAt" - make_interval(secs => $2) WHERE "key" = $1`,
        [key, seconds],
      );
    };
    await deferredSecondsAgo(delivered.key, 3);
    await deferredSecondsAgo(earnings.key, 2);
    await deferredSecondsAgo(shipped.key, 1);

    expect(await relayWouldSend(orderId)).toEqual([earnings.key, shipped.key]);
    await pool.query(`UPDATE "EmailOutbox" SET "status" = 'SENT' WHERE "key" = $1`, [shipped.key]);
    expect(await relayWouldSend(orderId)).toEqual([delivered.key, earnings.key]);
  });
});

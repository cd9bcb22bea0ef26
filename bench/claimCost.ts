// `npm run bench:claim-cost`: what the outbox claim's held-behind check (src/db/sql/deferredEmails.ts,
// earlierHeldEmail) costs per email. The claim as it is, against the same statement without the check, on a
// database of 100,000 outbox rows (two per order), alternating rounds of 5,000 claims of new emails for existing
// orders. Prints the wall time per claim (a round trip to PostgreSQL) and this process's CPU per claim.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, ensureDatabase, migrateDatabase } from '../src/db/migrate';
import { claimOutboxEmail } from '../src/db/sql/claimOutboxEmail';
import { sql } from '../src/db/sql/sqlTemplate';

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ORDERS = 50_000;
const CLAIMS_PER_ROUND = 5_000;
const ROUNDS = 6;

interface Email {
  key: string;
  orderId: string;
  to: string;
}

/** The claim without the held-behind check: the statement the check was added to. */
function claimWithoutCheck(pool: pg.Pool, email: Email) {
  return pool.query(sql`
    INSERT INTO "EmailOutbox" ("id", "key", "orderId", "kind", "to", "subject", "messageId", "attempts", "createdAt", "request")
    VALUES (${randomUUID()}, ${email.key}, ${email.orderId}, 'k', ${email.to}, 's', 'm', 1,
      ${new Date().toISOString()}::timestamp, ${'{}'}::jsonb)
    ON CONFLICT ("key") DO UPDATE SET "attempts" = "EmailOutbox"."attempts" + 1
    RETURNING "status"::text AS "status"`);
}

function claimWithCheck(pool: pg.Pool, email: Email) {
  return claimOutboxEmail(pool, { ...email, kind: 'k', subject: 's', messageId: 'm', request: {} });
}

async function round(pool: pg.Pool, label: string, claim: (pool: pg.Pool, email: Email) => Promise<unknown>) {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < CLAIMS_PER_ROUND; i += 1) {
    const order = 1 + Math.floor(Math.random() * ORDERS);
    await claim(pool, { key: `order-ord_${order}:${randomUUID()}:1`, orderId: `ord_${order}`, to: `c${order}@x` });
  }
  const wallUs = Number(process.hrtime.bigint() - started) / 1_000 / CLAIMS_PER_ROUND;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / CLAIMS_PER_ROUND;
  console.log(`${label}: ${wallUs.toFixed(0)} µs per claim, this process's CPU ${cpuUs.toFixed(0)} µs`);
}

void (async () => {
  const name = `claim_cost_${Date.now()}`;
  const url = await ensureDatabase(ADMIN_URL, name);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrateDatabase(url);
    await pool.query(`
      INSERT INTO "EmailOutbox" ("id", "key", "orderId", "kind", "to", "subject", "messageId", "status", "createdAt", "request")
      SELECT gen_random_uuid(), 'order-ord_' || i || ':k:' || j, 'ord_' || i, 'k', 'c' || i || '@x', 's', 'm', 'SENT', now(), '{}'::jsonb
      FROM generate_series(1, ${ORDERS}) i, generate_series(1, 2) j`);
    await pool.query('ANALYZE "EmailOutbox"');
    for (let r = 0; r < ROUNDS; r += 1) {
      await round(pool, 'without the check', claimWithoutCheck);
      await round(pool, 'with the check   ', claimWithCheck);
    }
  } finally {
    await pool.end();
    await dropDatabase(ADMIN_URL, name);
  }
})();

// The errors pg really raises while PostgreSQL is away (or its host name is) become the API's 503, never a 500: the
// hot paths run their SQL on pg directly, so these are what a vendor action meets in the PostgreSQL drill. A
// database that takes a query and never answers is a 503 after the API's query timeout, not a request held for ever.
import { type Server, type Socket, connect, createServer } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { API_QUERY_TIMEOUT_MS } from '../../src/db/database';
import { createPgPool } from '../../src/db/pgPool';
import { createPrismaClient } from '../../src/db/prismaClient';
import { toHttpError } from '../../src/http/errorMiddleware';
import { failureOf } from '../support/failureOf';
import { dropshipOrderBody } from '../support/fixtures';
import { freePort } from '../support/freePort';
import { startOutageApi } from '../support/outageApi';
import { PLATFORM_TOKEN, apiAs } from '../support/testStack';

const options = { max: 1, connectionTimeoutMillis: 300 };
const silent: { server?: Server; sockets: Socket[] } = { sockets: [] };

afterAll(async () => {
  for (const socket of silent.sockets) socket.destroy();
  await new Promise((resolve) => (silent.server ? silent.server.close(resolve) : resolve(undefined)));
});

describe('PostgreSQL unavailable', () => {
  it('answers 503 when nothing listens on the port', async () => {
    const pool = createPgPool(`postgresql://postgres@127.0.0.1:${await freePort()}/postgres`, options);
    const error = await failureOf(pool.query('SELECT 1'));
    await pool.end();
    expect(toHttpError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers 503 when the server’s host name does not resolve, as a database container restarting under docker-compose', async () => {
    // `.invalid` never resolves (RFC 2606); Docker's DNS drops a container's name while it is down the same way.
    const pool = createPgPool('postgresql://postgres@postgres.invalid:5432/postgres', options);
    const error = await failureOf(pool.query('SELECT 1'));
    await pool.end();
    expect(String(error)).toMatch(/ENOTFOUND|EAI_AGAIN/);
    expect(toHttpError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers 503 when the server takes the connection and never speaks', async () => {
    silent.server = createServer((socket) => silent.sockets.push(socket));
    await new Promise<void>((resolve) => silent.server!.listen(0, '127.0.0.1', resolve));
    const { port } = silent.server.address() as { port: number };
    const pool = createPgPool(`postgresql://postgres@127.0.0.1:${port}/postgres`, options);
    const error = await failureOf(pool.query('SELECT 1'));
    await pool.end();
    expect(String(error)).toMatch(/timeout/);
    expect(toHttpError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers 503 when the server ends a connection in use', async () => {
    const pool = createPgPool(inject('databaseUrl'), { ...options, connectionTimeoutMillis: 5_000 });
    const client = await pool.connect();
    client.on('error', () => undefined); // the terminated connection also reports itself as an event
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]!.pid;
    const admin = createPgPool(inject('databaseUrl'), options);
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();
    const error = await failureOf(client.query('SELECT 1'));
    client.release(true);
    await pool.end();
    expect(toHttpError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers 503 when the server ended a checked-out connection before its next query', async () => {
    // pg marks such a client "not queryable" once it hears of the end, and fails every later query with that.
    const pool = createPgPool(inject('databaseUrl'), { ...options, connectionTimeoutMillis: 5_000 });
    const client = await pool.connect();
    const ended = new Promise((resolve) => client.once('error', resolve));
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = createPgPool(inject('databaseUrl'), options);
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await admin.end();
    await ended;
    const error = await failureOf(client.query('SELECT 1'));
    client.release(true);
    await pool.end();
    expect(String(error)).toMatch(/not queryable/);
    expect(toHttpError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers 503 to a write when the database takes only reads, and still answers reads', async () => {
    // As a failover that left the connection on a standby, or a managed service that turns a database read-only
    // when its disk is nearly full: the write succeeds later, unchanged, once a writable primary is back.
    const url = new URL(inject('databaseUrl'));
    url.searchParams.set('options', '-c default_transaction_read_only=on');
    const pool = createPgPool(url.toString(), { ...options, connectionTimeoutMillis: 5_000 });
    try {
      const { rows } = await pool.query<{ orders: number }>('SELECT count(*)::int AS orders FROM "Order"');
      expect(rows[0]!.orders).toBeGreaterThanOrEqual(0);
      const error = await failureOf(
        pool.query(
          `INSERT INTO "IdempotencyRecord" ("scope", "key", "requestHash", "status") VALUES ('platform', $1, 'x', 0)`,
          [`read-only-${Date.now()}`],
        ),
      );
      expect(error).toMatchObject({ code: '25006' });
      expect(toHttpError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await pool.end();
    }
  });

  it('answers 503 when a Prisma transaction outlives its time, as a payout waiting its turn could', async () => {
    const pool = createPgPool(inject('databaseUrl'), { ...options, connectionTimeoutMillis: 5_000 });
    const prisma = createPrismaClient(pool);
    const error = await failureOf(
      prisma.$transaction(
        async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 400));
          return tx.$queryRaw`SELECT 1`;
        },
        { timeout: 200 },
      ),
    );
    await pool.end();
    expect(error).toMatchObject({ code: 'P2028' });
    expect(toHttpError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers 503 when PostgreSQL cancels a statement past its timeout', async () => {
    const pool = createPgPool(inject('databaseUrl'), {
      ...options,
      connectionTimeoutMillis: 5_000,
      queryTimeoutMillis: 300,
    });
    const error = await failureOf(pool.query('SELECT pg_sleep(5)'));
    await pool.end();
    expect(String(error)).toMatch(/statement timeout/);
    expect(toHttpError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers 503 when a connection in use stops answering, and drops that connection', async () => {
    // A proxy in front of PostgreSQL that stops passing bytes on, as a hung server or a dropped network would.
    const frozen = { now: false };
    const proxy = createServer((client) => {
      const server = connect(Number(new URL(inject('databaseUrl')).port), '127.0.0.1');
      const pass = (from: Socket, to: Socket) =>
        from.on('data', (chunk) => void (frozen.now ? undefined : to.write(chunk)));
      pass(client, server);
      pass(server, client);
      const end = () => (client.destroy(), server.destroy());
      client.on('error', end).on('close', end);
      server.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = new URL(inject('databaseUrl'));
    url.host = `127.0.0.1:${(proxy.address() as { port: number }).port}`;
    const pool = createPgPool(url.toString(), { ...options, connectionTimeoutMillis: 2_000, queryTimeoutMillis: 300 });
    try {
      await pool.query('SELECT 1');
      frozen.now = true;
      const error = await failureOf(pool.query('SELECT 1'));
      expect(String(error)).toMatch(/Query read timeout/);
      expect(toHttpError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      frozen.now = false;
      // The pool's only connection stopped answering; kept, it would hold this query too.
      const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(rows[0]!.one).toBe(1);
    } finally {
      await pool.end();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('gives a request the database holds a 503 after the API query timeout, and it writes nothing', async () => {
    // Another session holds an uncommitted record of the same Idempotency-Key, so the API's insert of it waits,
    // as a request waits on a lock a migration holds.
    const holder = createPgPool(inject('databaseUrl'), { ...options, connectionTimeoutMillis: 5_000 });
    const session = await holder.connect();
    const key = `held-${Date.now()}`;
    await session.query('BEGIN');
    await session.query(
      `INSERT INTO "IdempotencyRecord" ("scope", "key", "requestHash", "status") VALUES ('platform', $1, 'held', 0)`,
      [key],
    );
    const api = await startOutageApi('no-queue');
    const body = dropshipOrderBody('ven_held');
    try {
      const startedAt = Date.now();
      const answer = await apiAs(api.url, PLATFORM_TOKEN).post('/v1/orders', body, { 'idempotency-key': key });
      const waitedMs = Date.now() - startedAt;
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(waitedMs).toBeGreaterThanOrEqual(API_QUERY_TIMEOUT_MS - 100);
      expect(waitedMs).toBeLessThan(API_QUERY_TIMEOUT_MS + 5_000);
    } finally {
      await session.query('ROLLBACK');
      session.release();
      await holder.end();
      await api.stop();
    }
    const written = createPgPool(inject('databaseUrl'), options);
    const { rows } = await written.query(
      `SELECT (SELECT count(*) FROM "Order" WHERE "externalId" = $1)::int AS orders,
              (SELECT count(*) FROM "IdempotencyRecord" WHERE "key" = $2)::int AS keys`,
      [body.externalId, key],
    );
    await written.end();
    expect(rows[0]).toEqual({ orders: 0, keys: 0 });
  });
});

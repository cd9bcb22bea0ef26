// The errors pg really raises while PostgreSQL is away become the API's 503, never a 500: the hot paths run
// their SQL on pg directly, so these are what a vendor action meets in the PostgreSQL drill.
import { type Server, type Socket, createServer } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPgPool } from '../../src/db/pgPool';
import { toHttpError } from '../../src/http/errorMiddleware';
import { freePort } from '../support/freePort';

const options = { max: 1, connectionTimeoutMillis: 300 };
const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => new Error('no error'),
    (error: unknown) => error,
  );
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
});

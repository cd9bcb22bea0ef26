// Applies the committed migrations with Prisma's own `prisma migrate deploy` (Wasm schema engine + pg
// adapter, see prisma.config.ts), so the service and the tests migrate exactly as an operator would.
//
// Two things about that CLI, measured: it holds its advisory lock until its process exits, and its Wasm engine
// leaves a 10 s timer behind that keeps the process alive that long after it has finished. So a second process
// starting at the same time (several workers rolled out at once) waited 10 s for the lock, timed out (P1002) and
// failed to start, and every start lost 10 s. Starts now queue on a lock of our own, and the CLI is stopped once
// it has said the migrations are applied, which also frees its lock.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';

const REPO_ROOT = join(__dirname, '..', '..');
/** Our own advisory lock (Prisma's is 72707369): one start migrates at a time, the others wait their turn. */
const MIGRATION_LOCK = 4_104_620_211;
/** How long a start waits for the others' migrations before it gives up. */
const MIGRATION_LOCK_TIMEOUT = '5min';
/** What `prisma migrate deploy` prints once the database is up to date. */
const MIGRATIONS_APPLIED = /All migrations have been successfully applied|No pending migrations to apply/;

/** Runs `prisma migrate deploy` against `databaseUrl`, one process at a time. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const lock = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  lock.on('error', () => undefined); // a connection lost while the CLI runs: the CLI reports the outage
  await lock.connect();
  try {
    await lock.query(`SET lock_timeout = '${MIGRATION_LOCK_TIMEOUT}'`);
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await prismaMigrateDeploy(databaseUrl);
  } finally {
    await lock.end(); // ending the session releases the lock
  }
}

function prismaMigrateDeploy(databaseUrl: string): Promise<void> {
  const prisma = join(REPO_ROOT, 'node_modules', '.bin', 'prisma');
  const child = spawn(prisma, ['migrate', 'deploy'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let applied = false;
  return new Promise((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (!applied && MIGRATIONS_APPLIED.test(output)) {
        applied = true;
        child.kill();
        resolve();
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (applied) return;
      if (code === 0)
        resolve(); // a CLI that words its success differently: it still said so by exiting 0
      else reject(new Error(`prisma migrate deploy failed:\n${output}`));
    });
  });
}

/** Creates database `name` on the server of `adminUrl` unless it exists; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name` (used by the tests to clean up after themselves). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Whether a PostgreSQL server answers at `adminUrl`. */
export async function canConnect(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

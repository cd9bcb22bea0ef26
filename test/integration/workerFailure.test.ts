// A worker that fails for good (an error its polls cannot retry) must end its process, so that a supervisor starts
// a new one: before, `npm run worker` logged the failure and lived on, polling nothing, while orders waited. The
// failure here is a real one: the worker's namespace is deleted under it. The worker hears of it when a poll that
// was already waiting ends, and the SDK then retries the poll for about a minute before it gives up; this file's own
// Temporal server ends long polls after 3 s instead of 60, which takes a minute off the test.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DevServer, startTemporalDevServer } from '../../src/temporal/devServer';
import { freePort } from '../support/freePort';
import { registerNewNamespace } from '../support/newNamespace';

const REPO_ROOT = join(__dirname, '..', '..');
const namespace = `failing-${randomUUID()}`;
let temporal: DevServer;
let connection: Connection;
let child: ChildProcess | undefined;

beforeAll(async () => {
  temporal = await startTemporalDevServer({
    port: await freePort(),
    dynamicConfig: { 'matching.longPollExpirationInterval': '3s' },
  });
  connection = await Connection.connect({ address: temporal.address });
  await registerNewNamespace(connection, namespace);
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await connection?.close();
  await temporal?.stop();
});

/** Runs `npm run worker`'s entry point against the test's services; resolves when it exits. */
function runWorkerProcess(): { output: () => string; polling: Promise<void>; exited: Promise<number | null> } {
  child = spawn(process.execPath, ['--import', 'tsx', join('src', 'main', 'worker.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
      SMTP_URL: 'smtp://127.0.0.1:9', // nothing is sent: no order runs here
      TRACK17_API_KEY: 'unused-key',
      TRACK17_BASE_URL: 'http://127.0.0.1:9/track/v2.2/',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let heardPolling: () => void;
  const polling = new Promise<void>((resolve) => (heardPolling = resolve));
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('worker polling task queue')) heardPolling();
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
  return { output: () => output, polling, exited };
}

describe('a worker whose namespace is deleted under it', () => {
  it('stops its parts and exits with code 1, so its supervisor starts a new one', { timeout: 180_000 }, async () => {
    const worker = runWorkerProcess();
    const started = await Promise.race([worker.polling.then(() => true), worker.exited.then(() => false)]);
    expect(started, `the worker did not start:\n${worker.output()}`).toBe(true);

    await connection.operatorService.deleteNamespace({ namespace });
    // About a minute of the SDK's retries, then a second to notice; bounded, so that a worker that lives on fails
    // here rather than at the test's timeout.
    const code = await Promise.race([worker.exited, delay(120_000).then(() => 'still running')]);

    expect(code, worker.output()).toBe(1);
    expect(worker.output()).toMatch(/Worker failed[\s\S]*Namespace .* is not found/);
    expect(worker.output()).toMatch(/the worker failed: shutting down/);
  });
});

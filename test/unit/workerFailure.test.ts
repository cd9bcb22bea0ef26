// The watch behind "a failed worker ends its process" (test/integration/workerFailure.test.ts has the real failure):
// it must hear of a failure whether the SDK's run() settles or not, and never take a deliberate shutdown for one.
import { setTimeout as delay } from 'node:timers/promises';
import type { State } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { watchForWorkerFailure } from '../../src/temporal/workerFailure';

/** A worker whose state the test sets, and a run() it settles by hand. */
function fakeWorker() {
  let state: State = 'RUNNING';
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const run = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  return { worker: { getState: () => state }, run, setState: (next: State) => (state = next), settle };
}

/** What the failure promise holds after `ms`, or 'pending'. */
const within = (failure: Promise<unknown>, ms: number) => Promise.race([failure, delay(ms).then(() => 'pending')]);

describe('watchForWorkerFailure', () => {
  it('reports a worker that failed while its run() never settles', async () => {
    const { worker, run, setState } = fakeWorker();
    const watch = watchForWorkerFailure(worker, run);
    setState('FAILED');
    expect(String(await within(watch.failure, 2_500))).toMatch(/the worker failed/);
  });

  it('reports the error a run() rejects with', async () => {
    const { worker, run, settle } = fakeWorker();
    const watch = watchForWorkerFailure(worker, run);
    const error = new Error('Namespace gone is not found.');
    settle.reject(error);
    expect(await within(watch.failure, 100)).toBe(error);
  });

  it('reports a run() that ends while nobody asked the worker to stop', async () => {
    const { worker, run, settle } = fakeWorker();
    const watch = watchForWorkerFailure(worker, run);
    settle.resolve();
    expect(String(await within(watch.failure, 100))).toMatch(/stopped polling without being asked/);
  });

  it('reports nothing for a running worker, nor for one shut down on purpose', async () => {
    const running = fakeWorker();
    expect(await within(watchForWorkerFailure(running.worker, running.run).failure, 1_500)).toBe('pending');

    const stopped = fakeWorker();
    const watch = watchForWorkerFailure(stopped.worker, stopped.run);
    watch.stopWatching();
    stopped.setState('STOPPED');
    stopped.settle.resolve();
    expect(await within(watch.failure, 1_500)).toBe('pending');
  });
});

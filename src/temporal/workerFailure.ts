// Notices a worker that stopped polling on its own, so its process can exit and be started again.
import type { Worker } from '@temporalio/worker';

/** How often the worker's state is looked at: a failed worker is noticed within this. */
const STATE_CHECK_MS = 1_000;

export interface WorkerFailureWatch {
  /** Settles, never rejects, with why the worker stopped, if it stops while nobody asked it to. */
  failure: Promise<unknown>;
  /** Called before a deliberate shutdown, so that shutdown is not taken for a failure. */
  stopWatching(): void;
}

/**
 * Watches a running worker. A worker fails for good on an error its polls cannot retry (its namespace deleted or
 * renamed, its credentials refused): the SDK logs "Worker failed" and the worker stops polling, but the process
 * lives on, so a supervisor sees it running while no order moves. Its `run()` promise is not a reliable sign: with
 * SDK 1.24 it rejected in one trial and was still pending two minutes later in another (waiting in
 * `finalizeShutdown`), so the state is checked as well.
 */
export function watchForWorkerFailure(worker: Pick<Worker, 'getState'>, run: Promise<void>): WorkerFailureWatch {
  let watching = true;
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<unknown>((resolve) => {
    const failed = (reason: unknown) => {
      if (!watching) return;
      watching = false;
      clearInterval(timer);
      resolve(reason);
    };
    run.then(
      () => failed(new Error('the worker stopped polling without being asked to')),
      (error: unknown) => failed(error),
    );
    timer = setInterval(() => {
      if (worker.getState() === 'FAILED') failed(new Error('the worker failed; the Temporal SDK logged why above'));
    }, STATE_CHECK_MS);
    timer.unref();
  });
  return {
    failure,
    stopWatching() {
      watching = false;
      clearInterval(timer);
    },
  };
}

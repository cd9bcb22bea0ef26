// The worker that runs order workflows and their activities.
import { join } from 'node:path';
import { type NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { createActivities } from '../../activities';

/** Where the worker finds the workflows to bundle. */
export const WORKFLOWS_PATH = join(__dirname, '..', '..', 'workflows', 'index.ts');

export interface OrderWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: ReturnType<typeof createActivities>;
  /** A prebuilt bundle (tests bundle once per file); otherwise the worker bundles WORKFLOWS_PATH. */
  workflowBundle?: WorkflowBundleWithSourceMap | undefined;
  maxCachedWorkflows?: number | undefined;
}

/** A worker for the order task queue. */
export function createOrderWorker(options: OrderWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
  });
}

// A Temporal namespace of a test's own, for tests that delete it under a running part.
import { setTimeout as delay } from 'node:timers/promises';
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';

/** Registers `namespace` and resolves once the server answers calls in it. */
export async function registerNewNamespace(connection: Connection, namespace: string): Promise<void> {
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  // A new namespace reaches the server's namespace cache a moment after it is registered.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await connection.workflowService.listWorkflowExecutions({ namespace });
      return;
    } catch (error) {
      if (attempt >= 80) throw error;
      await delay(250);
    }
  }
}

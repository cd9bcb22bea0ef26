// A workflow's history as the Temporal CLI exports it (`temporal workflow show --output json`): the format
// Worker.runReplayHistory reads, and what ops can export from a real cluster to add a replay fixture.
import { execFileSync } from 'node:child_process';
import { temporalCliPath } from './devServer';

/** The JSON history of `workflowId` on the server at `address`. */
export function exportHistoryJson(address: string, workflowId: string): Buffer {
  return execFileSync(temporalCliPath(), [
    'workflow',
    'show',
    '--workflow-id',
    workflowId,
    '--output',
    'json',
    '--address',
    address,
  ]);
}

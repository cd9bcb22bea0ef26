// Replays every committed history (order lifecycles, and one run of each Schedule's workflow) against today's
// workflow code: a change that would break running workflows (non-determinism) fails here.
// Record new fixtures with `npm run histories:record` (see the README).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../support/testStack';

const HISTORIES_DIR = join(__dirname, 'histories');
const files = readdirSync(HISTORIES_DIR).filter((name) => name.endsWith('.json'));

describe('replay of recorded workflow histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files.filter((name) => name.startsWith('schedule-'))).toHaveLength(5);
  });

  it.each(files)('replays %s without non-determinism', async (file) => {
    const history: unknown = JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file);
  });
});

// A process that uses the embedded PostgreSQL keeps its exit code and leaves no cluster behind. The package's
// exit hook once made every such process exit 0 when it ran out of work: vitest's run with a failed test among
// them, whenever the tests fell back to the embedded cluster. A cluster that cannot start says why (a second
// `npm start` once printed "failed to start: undefined").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/db/embeddedPostgres';
import { portOpen } from '../../src/portOpen';
import { freePort } from '../support/freePort';

const dataDir = mkdtempSync(join(tmpdir(), 'dropship-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `script` in a fresh Node process (TypeScript through tsx) with `startEmbeddedPostgres` in scope. */
function runWithEmbeddedPostgres(script: string) {
  const source = `const { startEmbeddedPostgres } = require('./src/db/embeddedPostgres');\n${script}`;
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', source], { encoding: 'utf8', timeout: 60_000 });
}

describe('embedded PostgreSQL in a process', () => {
  it('keeps the exit code a process sets before it runs out of work', async () => {
    const port = await freePort();
    const run = runWithEmbeddedPostgres(`
      startEmbeddedPostgres(${JSON.stringify(dataDir)}, ${port}).then(async (pg) => {
        await pg.stop();
        process.exitCode = 3;
      });`);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(3);
  });

  it('stops a cluster the process did not stop before it exited', async () => {
    const port = await freePort();
    const run = runWithEmbeddedPostgres(`
      startEmbeddedPostgres(${JSON.stringify(dataDir)}, ${port}).then(() => process.exit(4));`);
    expect(run.status).toBe(4);
    await expect.poll(() => portOpen(port), { timeout: 10_000, interval: 200 }).toBe(false);
  });

  it('refuses a port another server holds, and says so', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as { port: number };
    try {
      await expect(startEmbeddedPostgres(dataDir, port)).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('says why when another cluster already runs on its data, and how to stop that one', async () => {
    const first = await startEmbeddedPostgres(dataDir, await freePort());
    try {
      const second = startEmbeddedPostgres(dataDir, await freePort());
      await expect(second).rejects.toThrow(/embedded PostgreSQL cannot start .*postmaster\.pid/);
    } finally {
      await first.stop();
    }
  });
});

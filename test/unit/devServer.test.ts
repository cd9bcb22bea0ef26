// The Temporal dev server refuses a port that is already taken instead of taking the server already there for
// itself: a second `npm start` once went on against the first one's Temporal and then failed on PostgreSQL.
// It also tries again when the server panics at start: the server picks its internal ports itself, and another
// process can take one before it binds it (seen once in CI, where the panic's reason had been cut off the error).
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTemporalDevServer, temporalCliPath } from '../../src/temporal/devServer';
import { freePort } from '../support/freePort';

const PANIC = 'panic: listen tcp 127.0.0.1:41234: bind: address already in use';

/** A temporal CLI that panics like a server whose port was taken, `failures` times, then runs the real one. */
function cliFailingAtStart(failures: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'temporal-cli-'));
  const script = join(dir, 'temporal');
  const stack = 'goroutine 1 [running]:\\n\\tgo.uber.org/dig.paramList.BuildList(...)\\n'.repeat(200);
  writeFileSync(
    script,
    `#!/bin/sh
count=$(cat "${dir}/count" 2>/dev/null || echo 0)
echo $((count + 1)) > "${dir}/count"
if [ "$count" -lt ${failures} ]; then printf '${PANIC}\\n\\n${stack}' >&2; exit 2; fi
exec "${temporalCliPath()}" "$@"
`,
  );
  chmodSync(script, 0o755);
  return script;
}

describe('the Temporal dev server', () => {
  it('refuses a port another server holds, and says how to use that server instead', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as { port: number };
    try {
      await expect(startTemporalDevServer({ port })).rejects.toThrow(
        `port ${port} is already in use, so the Temporal dev server cannot start there`,
      );
      await expect(startTemporalDevServer({ port })).rejects.toThrow(`TEMPORAL_ADDRESS=127.0.0.1:${port}`);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('starts again when the server panics at start, and says why it did', async () => {
    const reasons: string[] = [];
    const server = await startTemporalDevServer({
      port: await freePort(),
      cliPath: cliFailingAtStart(1),
      onRetry: (reason) => reasons.push(reason),
    });
    try {
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toContain(`temporal server exited with 2: ${PANIC}`);
      expect(server.process.exitCode).toBeNull();
    } finally {
      await server.stop();
    }
  });

  it('gives up after three failed starts, with the panic that stopped the last one', async () => {
    const reasons: string[] = [];
    const start = startTemporalDevServer({
      port: await freePort(),
      cliPath: cliFailingAtStart(3),
      onRetry: (reason) => reasons.push(reason),
    });
    await expect(start).rejects.toThrow(PANIC);
    await expect(start).rejects.toThrow('dig.paramList.BuildList');
    expect(reasons).toHaveLength(2);
  });
});

// The Temporal dev server refuses a port that is already taken instead of taking the server already there for
// itself: a second `npm start` once went on against the first one's Temporal and then failed on PostgreSQL.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTemporalDevServer } from '../../src/temporal/devServer';

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
});

// Migrating at start, as every worker and `npm start` do: several processes starting at once on a new database
// (a deployment rolled out with more than one worker) must all start, and apply each migration once.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase, migrateDatabase } from '../../src/db/migrate';

const adminUrl = (() => {
  const url = new URL(inject('databaseUrl'));
  url.pathname = '/postgres';
  return url.toString();
})();
const databaseName = `migrate_race_${process.pid}_${Date.now()}`;
const committedMigrations = readdirSync(join(__dirname, '..', '..', 'prisma', 'migrations'), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

afterAll(() => dropDatabase(adminUrl, databaseName));

describe('migrating at start', () => {
  it('lets three starts at once on a new database all succeed, each migration applied once', async () => {
    const databaseUrl = await ensureDatabase(adminUrl, databaseName);
    const starts = await Promise.allSettled([0, 1, 2].map(() => migrateDatabase(databaseUrl)));
    expect(starts.filter((start) => start.status === 'rejected')).toEqual([]);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
      );
      expect(rows.map((row) => row.migration_name)).toEqual(committedMigrations);
    } finally {
      await client.end();
    }
  }, 60_000);
});

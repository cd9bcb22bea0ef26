// Once per test run: a database of the run's own on a real PostgreSQL (127.0.0.1:5432, or an embedded one
// when none answers there), migrated with Prisma, and a real Temporal dev server with the search attributes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/db/embeddedPostgres';
import { canConnect, dropDatabase, ensureDatabase, migrateDatabase } from '../../src/db/migrate';
import { startTemporalDevServer } from '../../src/temporal/devServer';
import { freePort } from './freePort';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
  }
}

const LOCAL_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let embeddedDir: string | undefined;
  let adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? LOCAL_POSTGRES;
  if (!(await canConnect(adminUrl))) {
    embeddedDir = mkdtempSync(join(tmpdir(), 'dropship-test-pg-'));
    embedded = await startEmbeddedPostgres(embeddedDir, await freePort());
    adminUrl = embedded.adminUrl;
  }
  const databaseName = `dropship_test_${process.pid}_${Date.now()}`;
  const databaseUrl = await ensureDatabase(adminUrl, databaseName);
  await migrateDatabase(databaseUrl);
  const temporal = await startTemporalDevServer({ port: await freePort() });
  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', temporal.address);

  return async () => {
    await temporal.stop();
    await dropDatabase(adminUrl, databaseName);
    if (embedded) await embedded.stop();
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  };
}

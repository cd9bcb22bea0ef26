// A database of one test file's own, migrated like the shared one: for tests that must see no other file's rows,
// such as exact counts, or the outbox relay, which sends every waiting email of its database through the stack
// that runs it (another file's relay run would send this file's emails to that file's mail catcher).
import { inject } from 'vitest';
import { dropDatabase, ensureDatabase, migrateDatabase } from '../../src/db/migrate';

export interface OwnDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates and migrates a database named after `purpose`; `drop()` it in afterAll. */
export async function createOwnDatabase(purpose: string): Promise<OwnDatabase> {
  const admin = new URL(inject('databaseUrl'));
  admin.pathname = '/postgres';
  const adminUrl = admin.toString();
  const name = `${purpose}_${process.pid}_${Date.now()}`;
  const url = await ensureDatabase(adminUrl, name);
  await migrateDatabase(url);
  return { url, drop: () => dropDatabase(adminUrl, name) };
}

// Prisma's native schema engine cannot be downloaded offline, so the CLI runs on the JS engine with the
// pg driver adapter (ENVIRONMENT.md). DATABASE_URL is read here because the Prisma CLI, not the service,
// loads this file; the service passes its validated config to src/db/prismaClient.ts instead.
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// `prisma generate` needs no database, but the schema's env("DATABASE_URL") must resolve for it to run.
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unset';
process.env.DATABASE_URL = databaseUrl;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  adapter: () => Promise.resolve(new PrismaPg({ connectionString: databaseUrl })),
});

// `npm run bench:profile-intake`: a CPU profile of the API's order intake alone (no worker), written to
// /tmp/prof/api.cpuprofile (open it in Chrome DevTools). This is how the intake bottleneck was found.
import { mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { openDatabase } from '../src/db/database';
import { createApp } from '../src/http/app';
import { dropshipOrderBody } from '../test/support/fixtures';
import { apiAs } from '../test/support/api';
import { provisionInfrastructure } from '../test/support/infrastructure';
import { DEFAULT_POLICY } from '../test/support/policy';
import { inParallel } from './harness';
void (async () => {
  mkdirSync('/tmp/prof', { recursive: true });
  const infra = await provisionInfrastructure({ name: 'prof' });
  const { prisma, pool } = openDatabase(infra.databaseUrl);
  const temporal = new Client({ connection: await Connection.connect({ address: infra.temporalAddress }) });
  const app = createApp({
    prisma,
    pool,
    temporal,
    taskQueue: 'prof',
    policy: DEFAULT_POLICY,
    platformToken: 'prof-platform-token-123456',
    rateLimit: { perSecond: 1e6, burst: 1e6 },
  });
  const server = app.listen(0);
  const api = apiAs(`http://127.0.0.1:${(server.address() as { port: number }).port}`, 'prof-platform-token-123456');
  const v = await api.post('/v1/vendors', { name: 'P', email: 'p@example.com' });
  for (let i = 0; i < 30; i++) await api.post('/v1/orders', dropshipOrderBody(v.body.vendor.id));
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const t = performance.now();
  await inParallel(Array.from({ length: 300 }), 16, async () => {
    await api.post('/v1/orders', dropshipOrderBody(v.body.vendor.id));
  });
  console.log('rate without worker', (300 / ((performance.now() - t) / 1000)).toFixed(1));
  const { profile } = await session.post('Profiler.stop');
  writeFileSync('/tmp/prof/api.cpuprofile', JSON.stringify(profile));
  server.close();
  await prisma.$disconnect();
  await temporal.connection.close();
  await infra.stop();
  process.exit(0);
})().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

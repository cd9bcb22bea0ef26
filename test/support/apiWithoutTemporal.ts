// The same API on the same database as a test stack, with a Temporal that does not answer: what the API does
// during a Temporal outage. Nothing listens on port 1, and two gRPC attempts instead of the client's default
// ten keep each call to about a second; `clientRetries: 'default'` keeps the ten (about 20 s), as deployed, for
// the tests of how long a request waits.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { createApp } from '../../src/http/app';
import { DEFAULT_POLICY, PLATFORM_TOKEN, TRACK17_KEY } from './testStack';

export interface ApiWithoutTemporal {
  url: string;
  stop(): Promise<void>;
}

export async function startApiWithoutTemporal(
  taskQueue: string,
  { clientRetries = 'two' }: { clientRetries?: 'two' | 'default' } = {},
): Promise<ApiWithoutTemporal> {
  const database = openDatabase(inject('databaseUrl'));
  const connection = Connection.lazy({
    address: '127.0.0.1:1',
    connectTimeout: 1_000,
    ...(clientRetries === 'two' && {
      interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 2 }))],
    }),
  });
  const app = createApp({
    prisma: database.prisma,
    pool: database.pool,
    temporal: new Client({ connection }),
    taskQueue,
    policy: DEFAULT_POLICY,
    platformToken: PLATFORM_TOKEN,
    track17ApiKey: TRACK17_KEY,
    rateLimit: { perSecond: 1000, burst: 1000 },
    log: () => {},
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

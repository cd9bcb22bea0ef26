// The same API on the same database as a test stack, with a Temporal that does not answer: what the API does
// during a Temporal outage. Its database is opened as deployed (with the API's query timeout). `refusing`: nothing listens on its port (Temporal down), and the API's connection
// retries as deployed. `silent`: a server takes the connection and never answers (Temporal hung, or a network
// that drops packets), which only a deadline ends.
import { type Server, createServer as createHttpServer } from 'node:http';
import { type AddressInfo, type Server as TcpServer, type Socket, createServer } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { API_QUERY_TIMEOUT_MS, openDatabase } from '../../src/db/database';
import { createApp } from '../../src/http/app';
import { apiConnectionOptions } from '../../src/temporal/apiConnection';
import { DEFAULT_POLICY, PLATFORM_TOKEN, TRACK17_KEY } from './testStack';

export interface OutageApi {
  url: string;
  stop(): Promise<void>;
}

const listenOnLoopback = async <S extends Server | TcpServer>(server: S): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

export async function startOutageApi(
  taskQueue: string,
  { temporal = 'refusing' }: { temporal?: 'refusing' | 'silent' } = {},
): Promise<OutageApi> {
  const held = new Set<Socket>();
  const silentTemporal = temporal === 'silent' ? createServer((socket) => void held.add(socket)) : undefined;
  const temporalPort = silentTemporal ? await listenOnLoopback(silentTemporal) : 1;
  const database = openDatabase(inject('databaseUrl'), { queryTimeoutMillis: API_QUERY_TIMEOUT_MS });
  const connection = Connection.lazy(apiConnectionOptions(`127.0.0.1:${temporalPort}`));
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
  const server = createHttpServer(app);
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
      await database.close();
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silentTemporal?.close(resolve) ?? resolve(undefined));
    },
  };
}

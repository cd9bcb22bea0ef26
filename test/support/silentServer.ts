// A server that takes every connection and says nothing, ever: an SMTP server behind a firewall that drops the
// conversation, or a relay stuck under load. The tests and drill 8b put it on the SMTP receiver's port, or on a
// free one.
import { type AddressInfo, type Socket, createServer } from 'node:net';

export interface SilentServer {
  /** The port it listens on (the one asked for, or a free one for 0). */
  port: number;
  /** How many connections it has taken: each one a send that tried it. */
  connections(): number;
  stop(): Promise<void>;
}

export async function startSilentServer(port: number): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

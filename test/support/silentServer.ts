// A server that takes every connection and says nothing, ever: an SMTP server behind a firewall that drops the
// conversation, or a relay stuck under load. The test and drill 8b put it on the SMTP receiver's port.
import { type Socket, createServer } from 'node:net';

export interface SilentServer {
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
    connections: () => connections,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

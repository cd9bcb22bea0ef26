// Whether something already listens on a loopback port: how a part about to start its own server (the Temporal
// dev server, the embedded PostgreSQL) tells that port is taken, say by another `npm start`, before it starts.
import { connect } from 'node:net';

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

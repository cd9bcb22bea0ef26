// A stand-in for Temporal Cloud's front door, on loopback: gRPC over TLS with a certificate of the test's own CA,
// asking for an API key (`authorization: Bearer <key>`, refused as Cloud refuses it: grpc-status 16) or for a
// client certificate of that CA (mTLS), and passing every call it lets in to the test's plain Temporal dev server.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface FrontDoor {
  address: string;
  /** Calls let through, calls refused for a missing or wrong API key, connections refused for want of a certificate. */
  counts: { passed: number; refused: number; handshakesRefused: number };
  stop(): Promise<void>;
}

export interface FrontDoorOptions {
  /** host:port of the plain Temporal server behind it. */
  upstream: string;
  cert: Buffer;
  key: Buffer;
  apiKey?: string;
  /** Asks every connection for a client certificate signed by this CA. */
  clientCa?: Buffer;
}

const { NGHTTP2_CANCEL } = http2.constants;

export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const upstream = http2.connect(`http://${options.upstream}`);
  upstream.on('error', () => undefined); // a call on it fails and is answered as such
  const counts = { passed: 0, refused: 0, handshakesRefused: 0 };
  const server = http2.createSecureServer({
    cert: options.cert,
    key: options.key,
    ...(options.clientCa && { ca: options.clientCa, requestCert: true, rejectUnauthorized: true }),
  });

  server.on('tlsClientError', () => (counts.handshakesRefused += 1));
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });

  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    if (options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`) {
      counts.refused += 1;
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': '16',
          'grpc-message': 'Request unauthorized.',
        },
        { endStream: true },
      );
      return;
    }
    counts.passed += 1;
    const { ':scheme': _scheme, ':authority': _authority, ...forwarded } = headers;
    const call = upstream.request(forwarded);
    call.on('error', () => stream.close(NGHTTP2_CANCEL));
    stream.on('close', () => {
      if (!call.closed) call.close(NGHTTP2_CANCEL); // the caller gave up, e.g. a long poll at shutdown
    });
    let trailers: http2.OutgoingHttpHeaders = {};
    call.on('trailers', (received) => (trailers = received));
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    call.on('response', (responseHeaders, flags) => {
      // A trailers-only answer (a gRPC error) ends with its headers.
      const endStream = (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) !== 0;
      stream.respond(responseHeaders, endStream ? { endStream: true } : { waitForTrailers: true });
      if (!endStream) call.pipe(stream);
    });
    stream.pipe(call);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    async stop() {
      for (const session of sessions) session.destroy();
      await new Promise((resolve) => server.close(resolve));
      upstream.close();
    },
  };
}

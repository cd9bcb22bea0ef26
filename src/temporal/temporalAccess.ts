// How the API and the worker reach a Temporal that asks for TLS, a client certificate or an API key: Temporal
// Cloud, or a self-hosted cluster with mTLS. `npm start`'s embedded dev server asks for none of them.
import { readFileSync } from 'node:fs';

/** TLS as Temporal's clients take it (their TLSConfig), with the files already read. */
export interface TemporalTls {
  clientCertPair?: { crt: Buffer; key: Buffer };
  serverRootCACertificate?: Buffer;
  serverNameOverride?: string;
}

export interface TemporalAccess {
  /** Undefined for a plain connection. */
  tls: TemporalTls | undefined;
  apiKey: string | undefined;
}

/** The environment this reads: the names Temporal's own CLI and SDKs use. */
export interface TemporalAccessEnv {
  TEMPORAL_ADDRESS?: string | undefined;
  TEMPORAL_API_KEY?: string | undefined;
  TEMPORAL_TLS?: 'true' | 'false' | undefined;
  TEMPORAL_TLS_CLIENT_CERT_PATH?: string | undefined;
  TEMPORAL_TLS_CLIENT_KEY_PATH?: string | undefined;
  TEMPORAL_TLS_SERVER_CA_CERT_PATH?: string | undefined;
  TEMPORAL_TLS_SERVER_NAME?: string | undefined;
}

type PathSetting =
  'TEMPORAL_TLS_CLIENT_CERT_PATH' | 'TEMPORAL_TLS_CLIENT_KEY_PATH' | 'TEMPORAL_TLS_SERVER_CA_CERT_PATH';

/**
 * Reads the access settings, adding a line to `problems` for each bad one. The files are read here, at start, so a
 * wrong path is reported by name instead of failing the first connection. TLS is on when asked for
 * (`TEMPORAL_TLS=true`), when a certificate or server name is given, and with an API key (as Temporal Cloud needs)
 * unless `TEMPORAL_TLS=false` says otherwise.
 */
export function temporalAccess(env: TemporalAccessEnv, problems: string[]): TemporalAccess {
  const read = (name: PathSetting): Buffer | undefined => {
    const path = env[name];
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (error) {
      problems.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return undefined;
    }
  };
  const crt = read('TEMPORAL_TLS_CLIENT_CERT_PATH');
  const key = read('TEMPORAL_TLS_CLIENT_KEY_PATH');
  const ca = read('TEMPORAL_TLS_SERVER_CA_CERT_PATH');
  const serverName = env.TEMPORAL_TLS_SERVER_NAME;

  if (Boolean(env.TEMPORAL_TLS_CLIENT_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_CLIENT_KEY_PATH)) {
    problems.push(
      'TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH: set both (a client certificate and its key) or neither',
    );
  }
  const tlsDetails = [env.TEMPORAL_TLS_CLIENT_CERT_PATH, env.TEMPORAL_TLS_SERVER_CA_CERT_PATH, serverName].some(
    Boolean,
  );
  if (env.TEMPORAL_TLS === 'false' && tlsDetails) {
    problems.push('TEMPORAL_TLS: false, yet a TEMPORAL_TLS_* certificate or server name is set');
  }
  const tlsOn =
    env.TEMPORAL_TLS === 'true' || tlsDetails || (Boolean(env.TEMPORAL_API_KEY) && env.TEMPORAL_TLS !== 'false');
  if ((tlsOn || env.TEMPORAL_API_KEY) && !env.TEMPORAL_ADDRESS) {
    problems.push(
      'TEMPORAL_ADDRESS: required with TEMPORAL_API_KEY or TEMPORAL_TLS settings (the embedded dev server takes neither)',
    );
  }
  return {
    apiKey: env.TEMPORAL_API_KEY,
    tls: tlsOn
      ? {
          ...(crt && key && { clientCertPair: { crt, key } }),
          ...(ca && { serverRootCACertificate: ca }),
          ...(serverName && { serverNameOverride: serverName }),
        }
      : undefined,
  };
}

/** The part of Connection.connect's and NativeConnection.connect's options that `access` decides. */
export function accessOptions(access: TemporalAccess): { tls?: TemporalTls; apiKey?: string } {
  return { ...(access.tls && { tls: access.tls }), ...(access.apiKey && { apiKey: access.apiKey }) };
}

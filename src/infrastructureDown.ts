// Telling "a backing service is down" (retry later: 503, or an activity's retry) from a real fault. Shared by
// the API's error mapping and the intake repair.

/**
 * Whether `error` says a backing service is unreachable: a refused or reset connection, Prisma's and pg's words
 * for it (a pool that cannot connect in time, a connection that died), PostgreSQL shutting down or starting
 * (57P01-57P03) or a connection exception (class 08), and gRPC's UNAVAILABLE / DEADLINE_EXCEEDED from Temporal.
 * The Temporal client wraps the gRPC error ("Failed to start Workflow", cause "14 UNAVAILABLE: …"), so the
 * causes are read too.
 */
export function isInfrastructureDown(error: unknown, depth = 0): boolean {
  const { code, message, cause } = (error ?? {}) as { code?: unknown; message?: unknown; cause?: unknown };
  const text = `${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`;
  const down =
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Can't reach database|DatabaseNotReachable|timeout exceeded when trying to connect|Connection terminated|\b57P0[123]\b|\b08[0-9A-Z]{3}\b|UNAVAILABLE|DEADLINE_EXCEEDED/i.test(
      text,
    );
  return down || (cause !== undefined && depth < 5 && isInfrastructureDown(cause, depth + 1));
}

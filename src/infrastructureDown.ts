// Telling "a backing service is down" (retry later: 503, or an activity's retry) from a real fault. Shared by
// the API's error mapping, its vendor actions and the intake repair.

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * Whether `error` or one of its causes passes `test`. The Temporal client wraps the gRPC error ("Failed to start
 * Workflow", cause "14 UNAVAILABLE: …"), so the outer error alone says too little.
 */
function anyCause(error: unknown, test: (error: ErrorLike) => boolean): boolean {
  let current = error as ErrorLike | undefined;
  for (let depth = 0; current && depth < 6; depth += 1, current = current.cause as ErrorLike | undefined) {
    if (test(current)) return true;
  }
  return false;
}

const text = ({ code, message }: ErrorLike) =>
  `${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`;

/**
 * Whether `error` says a backing service is unreachable: a refused, reset or broken connection, a host that is down
 * or has no route, a host name that does not resolve (a database container restarting under docker-compose, whose
 * name Docker's DNS drops while it is down, or a name server not answering now), Prisma's and pg's words for it (a
 * pool that cannot connect in time, a query unanswered past its timeout, a connection that died, or a checked-out
 * client that heard of its death before its next query: "not queryable"; Prisma's P2028, an
 * interactive transaction that found no connection or outlived its time, rolled back), PostgreSQL shutting
 * down or starting (57P01-57P03), cancelling a statement past its timeout (57014), a connection exception
 * (class 08) or running out of a resource (class 53: too many connections, say, once more API and worker processes
 * run than max_connections allows), a database taking only reads (25006: a failover that left us on a standby, or
 * a managed service turning the database read-only when its disk is nearly full), and gRPC's UNAVAILABLE /
 * DEADLINE_EXCEEDED / RESOURCE_EXHAUSTED (Temporal rate-limiting its callers) from Temporal. Each is a 503: the
 * request can succeed later, unchanged.
 */
export function isInfrastructureDown(error: unknown): boolean {
  return anyCause(error, (e) =>
    /ECONNREFUSED|ECONNRESET|\bP2028\b|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|Can't reach database|DatabaseNotReachable|timeout exceeded when trying to connect|Query read timeout|Connection terminated|not queryable|\b57P0[123]\b|\b57014\b|statement timeout|\b08[0-9A-Z]{3}\b|\b53[0-9A-Z]{3}\b|\b25006\b|read-only transaction|UNAVAILABLE|DEADLINE_EXCEEDED|RESOURCE_EXHAUSTED/i.test(
      text(e),
    ),
  );
}

/** Whether a Temporal call ran out of the deadline it was given (gRPC status 4). */
export function isDeadlineExceeded(error: unknown): boolean {
  return anyCause(error, (e) => e.code === 4 || /DEADLINE_EXCEEDED/.test(text(e)));
}

// Which errors mean "a backing service is down" (503, retry later) and which are real faults (500). The shapes are
// those the services raise: Node's socket errors, pg's and PostgreSQL's, and the Temporal client's wrapping.
import { describe, expect, it } from 'vitest';
import { isInfrastructureDown } from '../../src/infrastructureDown';

/** A Node socket error as `net` raises it. */
const socketError = (code: string) => Object.assign(new Error(`write ${code}`), { code, syscall: 'write' });
/** A failed name lookup as `dns.lookup` raises it, under a connection attempt. */
const dnsError = (code: string, hostname: string) =>
  Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, syscall: 'getaddrinfo', hostname });
/** A PostgreSQL error as pg raises it: the SQLSTATE in `code`. */
const postgresError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('isInfrastructureDown', () => {
  it.each([
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection', socketError('ECONNRESET')],
    ['a write to a connection the server closed', socketError('EPIPE')],
    ['a host name that no longer resolves', dnsError('ENOTFOUND', 'postgres')],
    ['a name server that does not answer now', dnsError('EAI_AGAIN', 'postgres')],
    ['a host that is down', socketError('EHOSTUNREACH')],
    ['a network with no route to the host', socketError('ENETUNREACH')],
    ['PostgreSQL shutting down', postgresError('57P01', 'terminating connection due to administrator command')],
    ['a statement past its timeout', postgresError('57014', 'canceling statement due to statement timeout')],
    ['PostgreSQL out of connections', postgresError('53300', 'sorry, too many clients already')],
    [
      'a write to a database that takes only reads',
      postgresError('25006', 'cannot execute INSERT in a read-only transaction'),
    ],
    [
      'a Prisma transaction that found no free connection in time',
      Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), {
        code: 'P2028',
      }),
    ],
    [
      'a pg client that heard its connection end',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'a Temporal start wrapping UNAVAILABLE',
      new Error('Failed to start Workflow', { cause: new Error('14 UNAVAILABLE: No connection established') }),
    ],
    [
      'Temporal rate-limiting its callers',
      new Error('Failed to start Workflow', {
        cause: Object.assign(new Error('8 RESOURCE_EXHAUSTED: namespace rate limit exceeded'), { code: 8 }),
      }),
    ],
  ])('is true for %s', (_name, error) => {
    expect(isInfrastructureDown(error)).toBe(true);
  });

  it.each([
    ['a unique violation', postgresError('23505', 'duplicate key value violates unique constraint')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['something not an error', 'ECONNREFUSED'],
  ])('is false for %s', (_name, error) => {
    expect(isInfrastructureDown(error)).toBe(false);
  });
});

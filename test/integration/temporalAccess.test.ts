// The API and the worker as deployed (src/main/service.ts) reach a Temporal that asks for TLS and an API key, as
// Temporal Cloud does, or for a client certificate, as a self-hosted cluster with mTLS does (PRODUCT §9: "self-hosted
// or Temporal Cloud"). Before, they could only open plain connections. The Temporal here is the test's dev server
// behind a local front door (test/support/temporalFrontDoor.ts) that speaks TLS with a throwaway CA's certificate
// and refuses what Cloud would refuse.
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { type CaughtMail, type MailCatcher, startMailCatcher } from '../../src/mail/mailCatcher';
import { type RunningPart, startApi, startWorker } from '../../src/main/service';
import { apiAs } from '../support/api';
import { dropshipOrderBody } from '../support/fixtures';
import { quietLogger } from '../support/quietLogger';
import { type FrontDoorOptions, startFrontDoor } from '../support/temporalFrontDoor';
import { type TestCertificates, makeTestCertificates } from '../support/testCertificates';
import { deleteWorkerSchedules } from '../support/workerSchedules';

const PLATFORM_TOKEN = `platform-${randomUUID()}`;
const API_KEY = `temporal-cloud-key-${randomUUID()}`;
let certificates: TestCertificates;
let mail: MailCatcher;

beforeAll(async () => {
  certificates = makeTestCertificates();
  mail = await startMailCatcher({ smtpPort: 0 });
});

afterAll(async () => {
  await mail.stop();
  certificates.remove();
});

/** An error's message with those of its causes: the client wraps the server's answer in "Failed to connect". */
function causes(error: unknown): string {
  const messages: string[] = [];
  for (let at: unknown = error; at instanceof Error; at = at.cause) messages.push(at.message);
  return messages.join(' <- ');
}

interface AccessCase {
  name: string;
  door: Pick<FrontDoorOptions, 'apiKey' | 'clientCa'>;
  env: () => Record<string, string>;
  /** What a client without the credential meets, and the front door's count of such refusals. */
  refusal: RegExp;
  refusals: 'refused' | 'handshakesRefused';
}

const cases: AccessCase[] = [
  {
    name: 'TLS and an API key (Temporal Cloud)',
    door: { apiKey: API_KEY },
    env: () => ({
      TEMPORAL_API_KEY: API_KEY,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certificates.caCert,
      // The front door listens on 127.0.0.1; its certificate is checked against this name, as a Cloud endpoint's is.
      TEMPORAL_TLS_SERVER_NAME: 'localhost',
    }),
    refusal: /Request unauthorized/,
    refusals: 'refused',
  },
  {
    name: 'a client certificate (mTLS)',
    door: {}, // filled in with the CA once it exists
    env: () => ({
      TEMPORAL_TLS_CLIENT_CERT_PATH: certificates.clientCert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certificates.clientKey,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certificates.caCert,
      TEMPORAL_TLS_SERVER_NAME: 'localhost',
    }),
    refusal: /Failed to connect before the deadline/, // the handshake fails each time the client tries
    refusals: 'handshakesRefused',
  },
];

describe('a Temporal that asks for credentials', () => {
  for (const access of cases) {
    it(`takes an order in and runs it through ${access.name}`, async () => {
      const mtls = access.door.apiKey === undefined;
      const door = await startFrontDoor({
        upstream: inject('temporalAddress'),
        cert: certificates.read(certificates.serverCert),
        key: certificates.read(certificates.serverKey),
        ...access.door,
        ...(mtls && { clientCa: certificates.read(certificates.caCert) }),
      });
      const taskQueue = `test-${randomUUID()}`;
      const config = loadConfig({
        TEMPORAL_ADDRESS: door.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        PLATFORM_TOKEN,
        PORT: '0',
        ...access.env(),
      });
      const endpoints = {
        databaseUrl: inject('databaseUrl'),
        temporalAddress: door.address,
        smtpUrl: mail.smtpUrl,
        track17: { baseUrl: 'http://127.0.0.1:9/', apiKey: `unused-${randomUUID()}` }, // no parcel here
      };
      const parts: RunningPart[] = [];
      try {
        parts.push(await startWorker(config, endpoints, quietLogger));
        const api = await startApi(config, endpoints, quietLogger);
        parts.push(api);
        const platform = apiAs(`http://127.0.0.1:${api.port}/v1`, PLATFORM_TOKEN);

        const vendor = await platform.post('/vendors', { name: 'Lisbon Gadgets', email: 'vendor@example.com' });
        expect(vendor.status).toBe(201);
        const order = await platform.post('/orders', dropshipOrderBody(vendor.body.vendor.id));
        expect(order.status, JSON.stringify(order.body)).toBe(201);
        // The API started the workflow through the front door; the worker ran it and sent the vendor's email.
        const [email] = await mail.waitFor((m: CaughtMail) => m.subject.includes(order.body.order.externalId), {
          timeoutMs: 30_000,
        });
        expect(email!.to).toEqual(['vendor@example.com']);
        expect(door.counts.passed).toBeGreaterThan(0);

        // And the front door is one that refuses: a client without the credential gets nowhere.
        const withoutCredential = await Connection.connect({
          address: door.address,
          tls: { serverRootCACertificate: certificates.read(certificates.caCert), serverNameOverride: 'localhost' },
          connectTimeout: '3s',
        }).then(
          () => 'connected',
          (error: unknown) => causes(error),
        );
        expect(withoutCredential).toMatch(access.refusal);
        expect(door.counts[access.refusals]).toBeGreaterThan(0);
      } finally {
        for (const part of parts.reverse()) await part.stop();
        await door.stop();
        await deleteWorkerSchedules(inject('temporalAddress'), taskQueue);
      }
    });
  }
});

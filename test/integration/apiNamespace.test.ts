// The API as deployed (src/main/service.ts) and the Temporal namespace it is configured for. Before, the API checked
// only that a Temporal server answered: started with a misnamed TEMPORAL_NAMESPACE, or left running after its
// namespace was deleted, it started, reported itself ready on /readyz, and answered every order with an error.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startApi } from '../../src/main/service';
import { registerNewNamespace } from '../support/newNamespace';
import { quietLogger } from '../support/quietLogger';

let connection: Connection;

beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
});

afterAll(async () => {
  await connection.close();
});

function startApiOn(namespace: string) {
  const config = loadConfig({ TEMPORAL_NAMESPACE: namespace, PORT: '0', PLATFORM_TOKEN: `platform-${randomUUID()}` });
  return startApi(
    config,
    {
      databaseUrl: inject('databaseUrl'),
      temporalAddress: inject('temporalAddress'),
      smtpUrl: 'smtp://127.0.0.1:9',
      track17: { baseUrl: 'http://127.0.0.1:9/', apiKey: 'unused' },
    },
    quietLogger,
  );
}

describe('the API and its Temporal namespace', () => {
  it('refuses to start on a namespace Temporal does not have, naming it', async () => {
    const namespace = `misnamed-${randomUUID()}`;
    await expect(startApiOn(namespace)).rejects.toThrow(`TEMPORAL_NAMESPACE: ${namespace} does not exist`);
  });

  it('reports itself not ready, naming the namespace, once its namespace is deleted', async () => {
    const namespace = `short-lived-${randomUUID()}`;
    await registerNewNamespace(connection, namespace);
    const api = await startApiOn(namespace);
    try {
      const readyz = () => fetch(`http://127.0.0.1:${api.port}/readyz`);
      expect((await readyz()).status).toBe(200);

      await connection.operatorService.deleteNamespace({ namespace });
      let response = await readyz();
      for (let waited = 0; response.status === 200 && waited < 20_000; waited += 250) {
        await delay(250);
        response = await readyz();
      }
      expect(response.status).toBe(503);
      expect(((await response.json()) as { checks: unknown }).checks).toMatchObject({
        database: 'ok',
        temporal: expect.stringMatching(new RegExp(`unavailable: .*Namespace ${namespace} is not found`)),
      });
    } finally {
      await api.stop();
    }
  });
});

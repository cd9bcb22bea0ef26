// Liveness and readiness: /readyz answers 503 naming whichever of the database or Temporal is unreachable. Temporal
// is asked about the API's own namespace, so a namespace that is missing (misnamed, deleted, or one an API key may
// not use) shows here too, where a server check alone would call the API ready while every intake failed.
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { PrismaClient } from '../../db/prismaClient';
import { withinMs } from '../../timeLimit';

async function check(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<string> {
  try {
    await withinMs(probe(), timeoutMs);
    return 'ok';
  } catch (error) {
    return `unavailable: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** /healthz and /readyz. */
export function healthRoutes({ prisma, temporal }: { prisma: PrismaClient; temporal: Client }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, temporalStatus] = await Promise.all([
      check(() => prisma.$queryRaw`SELECT 1`),
      check(() => temporal.workflowService.describeNamespace({ namespace: temporal.options.namespace })),
    ]);
    const ready = database === 'ok' && temporalStatus === 'ok';
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', checks: { database, temporal: temporalStatus } });
  });
  return router;
}

// Drill 7: the API SIGKILLed mid-intake; the intake repair Schedule gives every written order its workflow.
import { randomInt } from 'node:crypto';
import { createPgPool } from '../../src/db/pgPool';
import { dropshipOrderBody } from '../../test/support/fixtures';
import { orderWorkflowId } from '../../workflows/messages';
import { inParallel, sleep } from '../harness';
import { type DrillRun, type Vendor } from './drillKit';

/**
 * 7. The API SIGKILLed during intakes from a storefront that sends each order once and never retries. An order
 * the API wrote before it died, whether or not it had started the workflow, must get its workflow and its one
 * new-order email with nobody's help: the intake repair Schedule (every 5 minutes, pending starts older than a
 * minute) does it, so this drill waits up to 7 minutes.
 */
export async function drillApiKills(run: DrillRun, vendor: Vendor): Promise<void> {
  const { h, quick, record } = run;
  const kills = quick ? 2 : 4;
  const sent: string[] = [];
  const answers: Record<string, number> = {};
  let sending = true;
  const killer = (async () => {
    for (let killed = 0; killed < kills; killed += 1) {
      await sleep(randomInt(1000, 3000));
      await h.killApi('SIGKILL');
      await h.startApi();
    }
    await sleep(1000);
    sending = false;
  })();
  await inParallel(Array.from({ length: 16 }), 16, async () => {
    while (sending) {
      const body = dropshipOrderBody(vendor.id);
      sent.push(body.externalId);
      const { status } = await h.platform.post('/v1/orders', body).catch(() => ({ status: 0 }));
      answers[status] = (answers[status] ?? 0) + 1;
      if (status === 0) await sleep(200); // refused while the API restarts: that order is the storefront's loss
    }
  });
  await killer;

  const pool = createPgPool(h.infra.databaseUrl, { max: 1, connectionTimeoutMillis: 10_000 });
  try {
    const written = async () =>
      (
        await pool.query<{ id: string; externalId: string; pending: boolean }>(
          `SELECT o."id", o."externalId", p."orderId" IS NOT NULL AS "pending"
           FROM "Order" o LEFT JOIN "PendingWorkflowStart" p ON p."orderId" = o."id"
           WHERE o."externalId" = ANY($1)`,
          [sent],
        )
      ).rows;
    const orders = await written();
    const leftPending = orders.filter((order) => order.pending);
    const running = async (orderId: string) =>
      (
        await h.client.workflow
          .getHandle(orderWorkflowId(orderId))
          .describe()
          .catch(() => null)
      )?.status.name === 'RUNNING';
    let withoutWorkflow = 0; // the orders that were lost before the intake repair existed
    for (const order of leftPending) if (!(await running(order.id))) withoutWorkflow += 1;
    const deadline = Date.now() + 7 * 60_000;
    while ((await written()).some((order) => order.pending) && Date.now() < deadline) await sleep(5000);
    await sleep(5000); // the repaired orders' first workflow tasks and their emails
    const newOrderEmails = (externalId: string) =>
      h.mail.messages.filter((m) => m.subject.startsWith('New dropshipping order') && m.subject.includes(externalId))
        .length;
    const emailCounts = orders.map((order) => newOrderEmails(order.externalId));
    const notRunning: string[] = [];
    for (const order of orders) if (!(await running(order.id))) notRunning.push(order.id);
    const stillPending = (await written()).filter((order) => order.pending).length;
    const wrongEmails = emailCounts.filter((count) => count !== 1).length;
    record(
      `7. API SIGKILLed ${kills}× during one-shot intakes`,
      stillPending === 0 && notRunning.length === 0 && wrongEmails === 0,
      `${sent.length} sent (answers ${JSON.stringify(answers)}), ${orders.length} written, ${leftPending.length} ` +
        `left without a confirmed start by the kills (${withoutWorkflow} of them with no workflow); after the ` +
        `repair: ${stillPending} pending, ${notRunning.length} ` +
        `without a running workflow, ${wrongEmails} without exactly one new-order email`,
    );
  } finally {
    await pool.end();
  }
}

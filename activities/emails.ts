// Order emails, exactly once per (order, kind, occurrence): an outbox row keyed by that triple is claimed
// before sending and marked SENT right after the SMTP server accepted the message, so retries and worker
// crashes after that point send nothing again. See the README for the one window SMTP cannot close.
import type { PrismaClient } from '../src/db/prismaClient';
import type { Mailer } from '../src/mail/mailer';
import { type EmailKind, renderOrderEmail } from '../src/mail/orderEmails';
import { orderWorkflowId } from '../workflows/messages';
import { loadEmailContext } from './loadEmailContext';

export type { EmailKind } from '../src/mail/orderEmails';

/** Longer than the mailer's own SMTP timeouts, so a slow server fails the send, never the commit after it. */
const SEND_TRANSACTION_MS = 90_000;

export interface SendOrderEmailInput {
  orderId: string;
  kind: EmailKind;
  /** What the email is about within its kind, e.g. the problem of a vendor alert; part of the key. */
  topic?: string | undefined;
  /** 1 for the first email of this kind and topic for this order, 2 for the second (e.g. the 48 h reminder). */
  occurrence: number;
  details: Record<string, string>;
}

export interface SendOrderEmailResult {
  key: string;
  sent: boolean;
}

export interface EmailActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  opsEmail: string;
  publicBaseUrl: string;
  /** Fault injection for crash tests: runs after the send is recorded, before the activity returns. */
  afterSend?: ((key: string) => void | Promise<void>) | undefined;
}

/** The outbox key of one email: `<workflow id>:<kind>[.<topic>]:<occurrence>`. */
export function emailKey(orderId: string, kind: EmailKind, occurrence: number, topic?: string): string {
  return `${orderWorkflowId(orderId)}:${kind}${topic ? `.${topic}` : ''}:${occurrence}`;
}

/** Activities that send order emails through the outbox. */
export function createEmailActivities(deps: EmailActivityDeps) {
  const { prisma, mailer } = deps;
  return {
    /** Sends one order email unless the outbox says it was already sent. */
    async sendOrderEmail(input: SendOrderEmailInput): Promise<SendOrderEmailResult> {
      const key = emailKey(input.orderId, input.kind, input.occurrence, input.topic);
      const existing = await prisma.emailOutbox.findUnique({ where: { key }, select: { status: true } });
      if (existing?.status === 'SENT') return { key, sent: false };

      const context = await loadEmailContext(prisma, input.orderId, deps.publicBaseUrl, input.details);
      const email = await renderOrderEmail(input.kind, context, deps.opsEmail);
      const messageId = `<${key.replace(/[^\w.-]/g, '.')}@dropship-fulfillment>`;
      // The claim, in one statement: the row on the first attempt, one more attempt counted on it after that.
      // Whether this attempt sends is decided under the row lock below.
      await prisma.emailOutbox.upsert({
        where: { key },
        create: {
          key,
          orderId: input.orderId,
          kind: input.kind,
          to: email.to,
          subject: email.subject,
          messageId,
          attempts: 1,
        },
        update: { attempts: { increment: 1 } },
      });
      // The send runs inside a transaction that holds the outbox row: a second attempt waits for it and then
      // finds it SENT, and the SENT mark after the server's 250 needs no pool connection. Under load that wait
      // was long enough for the worker-kill drill to land in it and send an email twice.
      const sent = await prisma.$transaction(
        async (tx) => {
          const pending = await tx.$queryRaw<{ key: string }[]>`
            SELECT "key" FROM "EmailOutbox" WHERE "key" = ${key} AND "status" = 'PENDING' FOR UPDATE`;
          if (pending.length === 0) return false;
          await mailer.send({ ...email, messageId });
          await tx.$executeRaw`
            UPDATE "EmailOutbox" SET "status" = 'SENT', "sentAt" = ${new Date().toISOString()}::timestamp
            WHERE "key" = ${key}`;
          return true;
        },
        { maxWait: SEND_TRANSACTION_MS, timeout: SEND_TRANSACTION_MS },
      );
      if (!sent) return { key, sent: false };
      await deps.afterSend?.(key);
      return { key, sent: true };
    },
  };
}

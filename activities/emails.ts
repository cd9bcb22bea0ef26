// Order emails, exactly once per (order, kind, occurrence): an outbox row keyed by that triple is claimed
// before sending and marked SENT right after the SMTP server accepted the message, so retries, the outbox relay
// and worker crashes after that point send nothing again. See the README for the one window SMTP cannot close.
// An email the server refuses for good (a 5xx to its recipient, say an address that does not exist) is marked
// REJECTED and never tried again: repeating it would only be refused again, for a day, every minute. One asked for
// while an earlier email of its order to the same address waits for the outbox relay waits there behind it, so the
// customer does not read "delivered" before the "shipped" an outage held back.
import { log } from '@temporalio/activity';
import type { Pool } from 'pg';
import { sendOnce } from '../src/db/outboxSend';
import { claimOutboxEmail } from '../src/db/sql/claimOutboxEmail';
import { deferOutboxEmail, holdOutboxEmail, rejectOutboxEmail } from '../src/db/sql/deferredEmails';
import { type Mailer, SmtpSendError } from '../src/mail/mailer';
import { type EmailKind, orderEmailEnvelope, renderOrderEmail } from '../src/mail/orderEmails';
import type { SmtpServerWatch } from '../src/mail/smtpServerWatch';
import { emailKey, outboxMessageId } from '../src/mail/outboxKeys';
import { loadEmailContext } from './loadEmailContext';

export type { EmailKind } from '../src/mail/orderEmails';

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
  /** The SMTP server failed it, or it is held behind one that was: the order goes on, and the outbox relay sends it. */
  deferred?: boolean;
  /** The earlier email of the order to the same address that this one waits behind, in the outbox relay. */
  heldBehind?: string;
  /**
   * The SMTP server refused it for good (REJECTED): the order goes on, and nothing sends it again. The address
   * refused and the server's reply, for the order's timeline.
   */
  refusal?: { to: string; reply: string };
}

export interface EmailActivityDeps {
  /** For the email's order read and the outbox claim (src/db/sql). */
  pool: Pool;
  /** Connections of the outbox's own for the send transactions (src/db/outboxSend.ts). */
  outboxPool: Pool;
  mailer: Mailer;
  /**
   * For the emails an order sends in its turn: a free connection, or at once an SmtpSendError while the SMTP server
   * is silent (src/mail/smtpServerWatch.ts). None: the send waits for the server (the outbox relay's).
   */
  orderEmailTurn?: SmtpServerWatch['orderEmailTurn'] | undefined;
  opsEmail: string;
  publicBaseUrl: string;
  temporalUiWorkflowsUrl?: string | undefined;
  /** Fault injection for crash tests: runs after the send is recorded, before the activity returns. */
  afterSend?: ((key: string) => void | Promise<void>) | undefined;
}

/**
 * Sends one order email unless the outbox says it was already sent, or leaves it to the outbox relay when an earlier
 * email of the order to the same address still waits there (deferred, held behind that one). An SMTP failure
 * throws SmtpSendError.
 */
async function sendOrderEmailOnce(deps: EmailActivityDeps, input: SendOrderEmailInput): Promise<SendOrderEmailResult> {
  const { pool, mailer } = deps;
  const key = emailKey(input.orderId, input.kind, input.occurrence, input.topic);
  const context = await loadEmailContext(pool, input.orderId, deps, input.details);
  const envelope = orderEmailEnvelope(input.kind, context, deps.opsEmail);
  const messageId = outboxMessageId(key);
  // The claim: the row on the first attempt, one more attempt counted after that. An email an earlier
  // attempt sent is not rendered again; whether this attempt sends is decided under the row lock below.
  const claim = await claimOutboxEmail(pool, {
    key,
    orderId: input.orderId,
    kind: input.kind,
    ...envelope,
    messageId,
    request: input,
  });
  if (claim.status !== 'PENDING') return { key, sent: false };
  if (claim.heldBehind) {
    // Sent now, a "delivered" would reach the customer before the "shipped" the relay has yet to send.
    await holdOutboxEmail(pool, key, claim.heldBehind);
    return { key, sent: false, deferred: true, heldBehind: claim.heldBehind };
  }
  const email = await renderOrderEmail(input.kind, context, deps.opsEmail);
  // The send holds the outbox row: a second attempt waits for it and then finds it SENT.
  const send = () => sendOnce(deps.outboxPool, key, () => mailer.send({ ...email, messageId }));
  const sent = await (deps.orderEmailTurn ? deps.orderEmailTurn(envelope.to, send) : send());
  if (sent) await deps.afterSend?.(key);
  return { key, sent };
}

/**
 * Runs `attempt` (its result: whether it sent the email of `key`, or found it sent already, or held it) and settles
 * an SMTP failure in the email's outbox row: one the server fails is marked deferred, still PENDING, and comes back
 * as `deferred` for the outbox relay to send later; one it refuses for good is marked REJECTED and comes back with
 * its `refusal`. Any other failure (a database that is down) is thrown.
 */
export async function sendOrDefer(
  deps: Pick<EmailActivityDeps, 'pool'>,
  key: string,
  attempt: () => Promise<SendOrderEmailResult>,
): Promise<SendOrderEmailResult> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof SmtpSendError)) throw error;
    if (error.permanent) {
      await rejectOutboxEmail(deps.pool, key, error.reply);
      log.error('email refused for good by the SMTP server: not sent, and not tried again', {
        key,
        error: error.message,
      });
      return { key, sent: false, refusal: { to: error.to, reply: error.reply } };
    }
    await deferOutboxEmail(deps.pool, key, error.message);
    return { key, sent: false, deferred: true };
  }
}

/**
 * Sends one order email unless the outbox says it was already sent: the path of the email activity and of the
 * outbox relay, with an SMTP failure settled as `sendOrDefer` does.
 */
export function sendOrderEmailOrDefer(
  deps: EmailActivityDeps,
  input: SendOrderEmailInput,
): Promise<SendOrderEmailResult> {
  const key = emailKey(input.orderId, input.kind, input.occurrence, input.topic);
  return sendOrDefer(deps, key, () => sendOrderEmailOnce(deps, input));
}

/** Activities that send order emails through the outbox. */
export function createEmailActivities(deps: EmailActivityDeps) {
  return {
    /**
     * Sends one order email unless the outbox says it was already sent. An SMTP server that fails it does not
     * hold up the order: the workflow runs its emails and changes one at a time, and retrying here for as long
     * as SMTP is down kept the vendor's next action waiting just as long. The email is left to the outbox relay
     * (activities/outboxRelay.ts) instead. Anything else, a database that is down say, is retried as before.
     */
    async sendOrderEmail(input: SendOrderEmailInput): Promise<SendOrderEmailResult> {
      const result = await sendOrderEmailOrDefer(deps, input);
      if (result.heldBehind) log.info('order email held behind an earlier one the outbox relay sends', { ...result });
      else if (result.deferred)
        log.warn('order email deferred to the outbox relay: the SMTP server failed it', { ...result });
      return result;
    },
  };
}

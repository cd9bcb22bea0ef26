// The outbox relay (run by its Schedule, src/temporal/outboxRelaySchedule.ts): an email the SMTP server failed
// is left PENDING and deferred by the email activity, so its order goes on (activities/emails.ts). This sends
// those emails once SMTP answers again, through the same outbox row, so each still goes out once, unless its order
// has moved on so far that it would mislead (src/mail/outdatedEmail.ts): that one is marked OUTDATED. It also
// sends the emails no running workflow sends, which the API writes to the outbox with what they are about: a
// payout's (src/vendors/vendorPayouts.ts) and a chargeback's (src/orders/chargeBack.ts).
import { heartbeat, log } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { appendEventToEndedOrder } from '../src/db/sql/appendEventToEndedOrder';
import { type DeferredEmail, outdateOutboxEmail, selectDeferredEmails } from '../src/db/sql/deferredEmails';
import { selectOrderProgress } from '../src/db/sql/selectOrderProgress';
import { whyOutdated } from '../src/mail/outdatedEmail';
import { PAYOUT_EMAIL_KINDS, type PayoutEmailKind, type PayoutEmailRequest } from '../src/mail/payoutEmail';
import { type EmailRefusal, emailRefusedSignal, orderWorkflowId } from '../workflows/messages';
import {
  type EmailActivityDeps,
  type SendOrderEmailInput,
  type SendOrderEmailResult,
  sendOrderEmailOrDefer,
} from './emails';
import { sendPayoutEmailOrDefer } from './payoutEmail';

export interface RelayDeferredEmailsInput {
  /** Emails deferred (or last tried) more recently than this wait for a later run. */
  olderThanMs: number;
  /** Emails asked for longer ago than this stay PENDING for ops, as one whose retries ran out always has. */
  giveUpAfterMs: number;
  /** At most this many in one run; the next run takes the rest. */
  maxEmails: number;
}

export interface OutboxRelayResult {
  /** Outbox keys sent by this run. */
  sent: string[];
  /** Keys that needed nothing: sent meanwhile by their order's own retry. */
  alreadySent: string[];
  /** Keys the SMTP server failed again; they wait for the next run. */
  deferred: string[];
  /** Keys the SMTP server refused for good (REJECTED), each put on its order's timeline; nothing sends them again. */
  rejected: string[];
  /** Keys not sent because their order had moved on (OUTDATED): a reminder of a purchase since recorded, say. */
  outdated: string[];
}

type RelayDeps = EmailActivityDeps & { temporal: Client };

/**
 * Puts a refusal on its order's timeline, as the order does with one refused in its own turn, so the vendor learns
 * that the customer was not told. The email is already REJECTED, so a failure here is logged, not retried: the
 * outbox row and the worker's log keep the refusal for ops.
 */
async function reportRefusal(deps: RelayDeps, orderId: string, refusal: EmailRefusal): Promise<void> {
  try {
    await recordRefusal(deps, orderId, refusal);
  } catch (error) {
    log.warn('outbox relay: a refused email is not on its order timeline', {
      orderId,
      ...refusal,
      error: String(error),
    });
  }
}

/** A running order records the refusal itself (its workflow numbers the events); an ended one gets it appended. */
async function recordRefusal(deps: RelayDeps, orderId: string, refusal: EmailRefusal): Promise<void> {
  try {
    await deps.temporal.workflow.getHandle(orderWorkflowId(orderId)).signal(emailRefusedSignal, refusal);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    const event = { type: 'email.refused', actor: 'system', at: new Date().toISOString(), data: { ...refusal } };
    await appendEventToEndedOrder(deps.pool, orderId, event);
  }
}

/** What became of one email in a run: an order email's outcome, or found outdated and not sent. */
type RelayOutcome = SendOrderEmailResult & { outdated?: boolean };

/**
 * Marks an order email OUTDATED if its order has moved on past it, and says whether it did. (The order may still
 * move on between this read and the send, as it may between a reminder's timer and its send in the workflow.)
 */
async function settledAsOutdated(deps: RelayDeps, key: string, request: SendOrderEmailInput): Promise<boolean> {
  const progress = await selectOrderProgress(deps.pool, request.orderId);
  // An email whose order is gone (deleted by hand) cannot be written: left PENDING, it failed every run at its turn,
  // and held back every email after it.
  const reason = progress ? whyOutdated(request, progress) : 'its order no longer exists';
  if (!reason) return false;
  await outdateOutboxEmail(deps.pool, key, reason);
  log.info('outbox relay: a deferred email is outdated, not sent', { key, reason });
  return true;
}

/** Sends one deferred email as its kind is sent; an order email's refusal also goes on its order's timeline. */
async function sendDeferredEmail(deps: RelayDeps, email: DeferredEmail): Promise<RelayOutcome> {
  // A payout's email has no order, so no timeline to report a refusal on: its outbox row and the log keep it.
  if (PAYOUT_EMAIL_KINDS.includes(email.kind)) {
    return sendPayoutEmailOrDefer(deps, {
      key: email.key,
      kind: email.kind as PayoutEmailKind,
      request: email.request as PayoutEmailRequest,
    });
  }
  const request = email.request as SendOrderEmailInput;
  if (await settledAsOutdated(deps, email.key, request)) return { key: email.key, sent: false, outdated: true };
  const outcome = await sendOrderEmailOrDefer(deps, request);
  if (outcome.refusal) await reportRefusal(deps, request.orderId, { email: request.kind, ...outcome.refusal });
  return outcome;
}

/** The list of a run's result that an email's outcome goes in. */
function listOf(result: OutboxRelayResult, outcome: RelayOutcome): string[] {
  if (outcome.outdated) return result.outdated;
  if (outcome.refusal) return result.rejected;
  return outcome.sent ? result.sent : result.alreadySent;
}

/**
 * Sends `emails` in turn, each outcome in its list of `result`. False when the SMTP server failed one: it is most
 * likely still down, so the rest keep their place for the next run.
 */
async function relayPass(deps: RelayDeps, emails: DeferredEmail[], result: OutboxRelayResult): Promise<boolean> {
  for (const email of emails) {
    const outcome = await sendDeferredEmail(deps, email);
    if (outcome.deferred) {
      result.deferred.push(email.key);
      return false;
    }
    listOf(result, outcome).push(email.key);
    heartbeat();
  }
  return true;
}

export function createOutboxRelayActivities(deps: RelayDeps) {
  return {
    /**
     * Sends the deferred emails, longest waiting first; one that waited behind an earlier email of its order to the
     * same address goes in a later pass of the run, once that one is settled. The first one the SMTP server fails
     * again ends the run (it is most likely still down); the others keep their place for the next run. One it
     * refuses for good is marked REJECTED and put on its order's timeline, and the run goes on, since a server that
     * answers is up. One whose order has moved on past it is marked OUTDATED and not sent. A database that is down
     * fails the run, and the activity's retries and the next run take it from there.
     */
    async relayDeferredEmails(input: RelayDeferredEmailsInput): Promise<OutboxRelayResult> {
      const now = Date.now();
      const listEmails = (limit: number) =>
        selectDeferredEmails(deps.pool, {
          before: new Date(now - input.olderThanMs),
          since: new Date(now - input.giveUpAfterMs),
          limit,
        });
      const result: OutboxRelayResult = { sent: [], alreadySent: [], deferred: [], rejected: [], outdated: [] };
      let listed = await listEmails(input.maxEmails);
      let handled = 0;
      // A pass settles every email it lists, unless SMTP fails one: the next pass lists those that waited behind them.
      while (listed.length > 0) {
        handled += listed.length;
        if (!(await relayPass(deps, listed, result))) break;
        listed = handled < input.maxEmails ? await listEmails(input.maxEmails - handled) : [];
      }
      if (handled > 0) log.info('outbox relay: deferred emails', { ...result });
      return result;
    },
  };
}

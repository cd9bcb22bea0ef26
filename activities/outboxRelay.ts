// The outbox relay (run by its Schedule, src/temporal/outboxRelaySchedule.ts): an email the SMTP server failed
// is left PENDING and deferred by the email activity, so its order goes on (activities/emails.ts). This sends
// those emails once SMTP answers again, through the same outbox row, so each still goes out once.
import { heartbeat, log } from '@temporalio/activity';
import { selectDeferredEmails } from '../src/db/sql/deferredEmails';
import { type EmailActivityDeps, type SendOrderEmailInput, sendOrderEmailOrDefer } from './emails';

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
  /** Keys the SMTP server refused for good (REJECTED); nothing sends them again. */
  rejected: string[];
}

export function createOutboxRelayActivities(deps: EmailActivityDeps) {
  return {
    /**
     * Sends the deferred emails, longest waiting first. The first one the SMTP server fails again ends the run
     * (it is most likely still down); the others keep their place for the next run. One it refuses for good is
     * marked REJECTED and the run goes on, since a server that answers is up. A database that is down fails the
     * run, and the activity's retries and the next run take it from there.
     */
    async relayDeferredEmails(input: RelayDeferredEmailsInput): Promise<OutboxRelayResult> {
      const now = Date.now();
      const emails = await selectDeferredEmails(deps.pool, {
        before: new Date(now - input.olderThanMs),
        since: new Date(now - input.giveUpAfterMs),
        limit: input.maxEmails,
      });
      const result: OutboxRelayResult = { sent: [], alreadySent: [], deferred: [], rejected: [] };
      for (const email of emails) {
        const outcome = await sendOrderEmailOrDefer(deps, email.request as SendOrderEmailInput);
        if (outcome.deferred) {
          result.deferred.push(email.key);
          break;
        }
        if (outcome.refusal) result.rejected.push(email.key);
        else (outcome.sent ? result.sent : result.alreadySent).push(email.key);
        heartbeat();
      }
      if (emails.length > 0) log.info('outbox relay: deferred emails', { ...result });
      return result;
    },
  };
}

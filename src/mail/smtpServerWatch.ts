// A worker's view of whether its SMTP server answers, so that an order's emails do not wait out the mailer's
// timeouts while it is silent. An order's emails take turns with its changes (workflows/order.ts), so an email
// sent to a server that takes the connection and says nothing (a firewall dropping the conversation, a relay stuck
// under load) held the vendor's next action on that order for the mailer's 10 s to greet or 30 s of silence, and
// the emails queued behind it for a connection longer still: in drill 8b, vendor actions were answered after up to
// 136 s, and 7 of 60 with 503. A server that refuses connections costs nothing to try; one that is silent does.
//
// So once a send has found the server silent, order emails are not tried for a while: each fails at once, and its
// activity defers it to the outbox relay as for any SMTP failure. The relay tries its emails regardless, and the
// server's first answer to any send ends the wait. After `retryAfterMs` one order email tries again, in case this
// worker's relay runs elsewhere; the others still defer meanwhile, so a silent server holds up one order at a time.
import { type Mailer, SMTP_CONNECTIONS, SmtpSendError } from './mailer';

export interface SmtpServerWatch {
  /** The mailer, noting after each send whether the server answered. */
  mailer: Mailer;
  /**
   * Runs `send` (an order email's send through `mailer`, with whatever it holds meanwhile, like its outbox row) once
   * a connection is free, or fails it at once with an SmtpSendError for `to` while the server is silent. Emails
   * waiting for a connection fail too, as soon as a send finds the server silent.
   */
  orderEmailTurn<T>(to: string, send: () => Promise<T>): Promise<T>;
}

export interface SmtpServerWatchOptions {
  /** How long order emails are not tried after the server was found silent. */
  retryAfterMs?: number;
  /** Order emails sent at once: the mailer's connections, so that none waits unseen in its pool. */
  connections?: number;
  /** Told once when a send finds the server silent (not at each send after), and once when it answers again. */
  onChange?: (change: { silent: true; error: string } | { silent: false }) => void;
  now?: () => number;
}

/** Order emails are not tried for this long after the SMTP server was found silent. */
export const SILENT_SERVER_RETRY_AFTER_MS = 30_000;

export function watchSmtpServer(mailer: Mailer, options: SmtpServerWatchOptions = {}): SmtpServerWatch {
  const {
    retryAfterMs = SILENT_SERVER_RETRY_AFTER_MS,
    connections = SMTP_CONNECTIONS,
    onChange,
    now = Date.now,
  } = options;
  let silence: { since: number; error: string } | undefined;
  let retrying = false; // one order email is trying the silent server again
  let sending = 0;
  const waiting: { go(): void; fail(): void }[] = [];

  function noteAnswer(error?: unknown): void {
    if (error instanceof SmtpSendError && !error.serverAnswered) {
      const cause = error.cause instanceof Error ? error.cause.message : error.message;
      if (!silence) onChange?.({ silent: true, error: cause });
      silence = { since: now(), error: cause };
      for (const waiter of waiting.splice(0)) waiter.fail();
    } else if (silence && (error === undefined || error instanceof SmtpSendError)) {
      silence = undefined; // it sent the email, or answered with a reply code: it is there
      onChange?.({ silent: false });
    }
  }

  function notTried(to: string): SmtpSendError {
    const ago = silence ? Math.round((now() - silence.since) / 1000) : 0;
    const why = `not tried: the SMTP server did not answer an email ${ago} s ago (${silence?.error ?? 'no answer'})`;
    return new SmtpSendError(new Error(why), to);
  }

  async function aConnection(to: string): Promise<void> {
    if (sending < connections) {
      sending += 1;
      return;
    }
    // The slot is handed over by the send that ends (below), so none is taken twice.
    await new Promise<void>((go, reject) => waiting.push({ go, fail: () => reject(notTried(to)) }));
  }

  function freeConnection(): void {
    const next = waiting.shift();
    if (next) next.go();
    else sending -= 1;
  }

  return {
    mailer: {
      async send(email) {
        try {
          await mailer.send(email);
        } catch (error) {
          noteAnswer(error);
          throw error;
        }
        noteAnswer();
      },
      close: () => mailer.close(),
    },
    async orderEmailTurn(to, send) {
      if (silence) {
        if (retrying || now() - silence.since < retryAfterMs) throw notTried(to);
        retrying = true;
        try {
          return await send();
        } finally {
          retrying = false;
        }
      }
      await aConnection(to);
      try {
        return await send();
      } finally {
        freeConnection();
      }
    },
  };
}

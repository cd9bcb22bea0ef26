// Sends one email over SMTP with nodemailer. Knows nothing of orders or Temporal.
import nodemailer from 'nodemailer';
import { toStorableText } from '../domain/storableText';

/** An outgoing email; `messageId` is deterministic so receivers can collapse a rare resend. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** How long the mailer waits for the server, in milliseconds. */
export interface SmtpTimeouts {
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

// Bounded waits (nodemailer's idle socket timeout is ten minutes): a hung server fails the attempt and the
// activity retries, instead of the send holding its outbox transaction open.
const TIMEOUTS: SmtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * The host, port, TLS and login of an smtp:// or smtps:// URL. nodemailer can parse the URL itself, but then
 * it ignores every other option given with it (pool, timeouts), so the URL is taken apart here.
 */
export function smtpServerOf(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username && {
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    }),
  };
}

/** What nodemailer adds to the errors of an SMTP conversation. */
interface SmtpErrorFields {
  responseCode?: unknown;
  command?: unknown;
  response?: unknown;
}

/**
 * Whether the server refused this email for good: a 5xx reply (RFC 5321 §4.2.1: "permanent negative completion",
 * the same request must not be repeated) to its recipient or to its message. A 5xx to the login or to our
 * sender address is not counted: that is the deployment's configuration, wrong for every email alike, and
 * those wait for ops to fix it like an outage does.
 */
function refusedForGood(cause: unknown): boolean {
  const { responseCode, command } = (cause ?? {}) as SmtpErrorFields;
  const permanentReply = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  return permanentReply && (command === 'RCPT TO' || command === 'DATA');
}

/**
 * The SMTP server did not take an email: it was unreachable, timed out, or answered with an error. Callers tell
 * this apart from their own faults (a database that is down), since only this one means "try the email later";
 * unless it is `permanent`, a refusal of this very email that sending it again would only repeat.
 */
export class SmtpSendError extends Error {
  readonly permanent: boolean;
  /** The server's reply, when it gave one (e.g. `550 5.1.1 <ana@example.com>: Recipient address rejected`). */
  readonly reply: string;
  /**
   * Whether the server answered at all (a reply code), as against one that could not be reached or said nothing
   * in time: only the second kind makes a sender wait (src/mail/smtpServerWatch.ts).
   */
  readonly serverAnswered: boolean;

  constructor(
    cause: unknown,
    /** The address the email was for. */
    readonly to: string,
  ) {
    super(`SMTP send failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SmtpSendError';
    this.permanent = refusedForGood(cause);
    const { response, responseCode } = (cause ?? {}) as SmtpErrorFields;
    this.serverAnswered = typeof responseCode === 'number';
    // Text from another server, kept on the order's timeline: bounded, and storable by PostgreSQL whatever it sent.
    // (Cut first, then made storable: a cut can split a surrogate pair.)
    this.reply = toStorableText((typeof response === 'string' ? response : this.message).slice(0, 500));
  }
}

/** How many connections a mailer keeps to the SMTP server: emails beyond that wait for one. */
export const SMTP_CONNECTIONS = 4;

/** A mailer for `smtpUrl` (smtp:// or smtps://) sending as `from`. */
export function createMailer(smtpUrl: string, from: string, timeouts: Partial<SmtpTimeouts> = {}): Mailer {
  // Pooled connections: a new connection costs a TCP handshake, the greeting (servers delay it on purpose;
  // smtp-server by 100 ms) and EHLO before every email. Idle pooled connections close after socketTimeout.
  const transport = nodemailer.createTransport({
    ...smtpServerOf(smtpUrl),
    ...TIMEOUTS,
    ...timeouts,
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
  });
  return {
    async send(email) {
      // Quoted-printable, as nodemailer would pick for these mostly-Latin bodies, but named here: its pick counts
      // the letters of the whole HTML with a regex, about 0.7 ms of CPU per email. Not base64, which spam
      // filters score against text parts.
      try {
        await transport.sendMail({ from, ...email, textEncoding: 'quoted-printable' });
      } catch (error) {
        throw new SmtpSendError(error, email.to);
      }
    },
    close() {
      transport.close();
    },
  };
}

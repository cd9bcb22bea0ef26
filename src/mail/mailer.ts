// Sends one email over SMTP with nodemailer. Knows nothing of orders or Temporal.
import nodemailer from 'nodemailer';

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

/** A mailer for `smtpUrl` (smtp:// or smtps://) sending as `from`. */
export function createMailer(smtpUrl: string, from: string): Mailer {
  // Bounded waits (nodemailer's idle socket timeout is an hour): a hung server fails the attempt and the
  // activity retries, instead of the send holding its outbox transaction open.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(email) {
      await transport.sendMail({ from, ...email });
    },
    close() {
      transport.close();
    },
  };
}

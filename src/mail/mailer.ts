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
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(email) {
      await transport.sendMail({ from, ...email });
    },
    close() {
      transport.close();
    },
  };
}

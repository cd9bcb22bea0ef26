// An SMTP outage in a test: the receiver on a port stops, and a new one starts on the same port when the test says
// SMTP is back, so the worker's mailer, which knows only the URL, reaches it again.
import { type MailCatcher, startMailCatcher } from '../../src/mail/mailCatcher';

/** Stops `receiver`; the function it returns starts a new receiver on the same port. */
export async function stopSmtp(receiver: MailCatcher): Promise<() => Promise<MailCatcher>> {
  const smtpPort = Number(new URL(receiver.smtpUrl).port);
  await receiver.stop();
  return () => startMailCatcher({ smtpPort });
}

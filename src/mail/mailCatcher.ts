// A local mail catcher: a real SMTP server on loopback that keeps every message, with a small web inbox.
// `npm start` uses it when SMTP_URL is not set; the tests use it as the SMTP receiver they assert on.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the catcher received it. */
export interface CaughtMail {
  id: number;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

export interface MailCatcher {
  smtpUrl: string;
  webUrl: string | undefined;
  messages: CaughtMail[];
  /** Resolves with the messages matching `predicate` once there are at least `count` of them. */
  waitFor(
    predicate: (mail: CaughtMail) => boolean,
    options?: { count?: number; timeoutMs?: number },
  ): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inboxPage(messages: CaughtMail[]): string {
  const rows = messages
    .slice()
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join('');
  return `<!doctype html><meta charset="utf-8"><title>Inbox (${messages.length})</title><style>body{font:14px system-ui;margin:2rem}td{padding:4px 12px;border-bottom:1px solid #ddd}</style><h1>Local inbox</h1><p>${messages.length} messages caught. <a href="/api/messages">JSON</a></p><table><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows}</table>`;
}

/** Starts the catcher; port 0 picks free ports. The web inbox starts only when `webPort` is given. */
export async function startMailCatcher(options: {
  smtpPort: number;
  webPort?: number | undefined;
}): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // On stop, senders' idle pooled connections are closed after 1 s, not smtp-server's 30.
    closeTimeout: 1_000,
    // As a real server refuses an address whose domain cannot exist (RFC 2606 reserves .invalid for that): so
    // the service's handling of a bounced address can be seen, and tested, against this catcher too.
    onRcptTo(address, _session, callback) {
      if (/\.invalid$/i.test(address.address)) {
        const refusal = new Error(`5.1.2 <${address.address}>: Recipient address rejected: Domain not found`);
        return callback(Object.assign(refusal, { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            id: messages.length + 1,
            messageId: parsed.messageId ?? '',
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            receivedAt: new Date().toISOString(),
          });
          for (const wake of waiters) wake();
          callback();
        })
        .catch(callback);
    },
  });
  // A sender that vanishes mid-message (a worker killed during a send) makes smtp-server emit 'error' for that
  // connection; unhandled, that would take down this process and every message caught so far. The half message
  // is dropped, as any SMTP server drops data that never got its final dot.
  smtp.on('error', () => undefined);
  await new Promise<void>((resolve) => smtp.listen(options.smtpPort, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let web: Server | undefined;
  if (options.webPort !== undefined) {
    web = createServer((req, res) => {
      const one = /^\/messages\/(\d+)$/.exec(req.url ?? '');
      if (req.url === '/api/messages') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(messages));
      } else if (one) {
        const mail = messages.find((m) => m.id === Number(one[1]));
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(mail ? mail.html || `<pre>${escapeHtml(mail.text)}</pre>` : 'not found');
      } else {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(inboxPage(messages));
      }
    });
    await new Promise<void>((resolve) => web!.listen(options.webPort, '127.0.0.1', resolve));
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl: web ? `http://localhost:${(web.address() as AddressInfo).port}` : undefined,
    messages,
    waitFor(predicate, { count = 1, timeoutMs = 30_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.filter(predicate);
          if (found.length >= count) {
            cleanup();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `timed out waiting for ${count} matching email(s); have: ${messages.map((m) => m.subject).join(' | ')}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) await new Promise<void>((resolve) => web.close(() => resolve()));
    },
  };
}

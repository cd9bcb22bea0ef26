import { type AddressInfo, createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { SmtpSendError, createMailer, smtpServerOf } from '../../src/mail/mailer';
import { startSilentServer } from '../support/silentServer';

const email = { to: 'vendor@example.com', subject: 'Hello', html: '<p>Hi</p>', text: 'Hi', messageId: '<1@test>' };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('smtpServerOf', () => {
  it('takes host, port and login from the URL, decoding the password', () => {
    expect(smtpServerOf('smtp://orders%40shop:p%40ss@mail.example.com:2525')).toEqual({
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'orders@shop', pass: 'p@ss' },
    });
  });

  it('uses TLS and port 465 for smtps, 587 for smtp, and unwraps IPv6 hosts', () => {
    expect(smtpServerOf('smtps://mail.example.com')).toEqual({ host: 'mail.example.com', port: 465, secure: true });
    expect(smtpServerOf('smtp://[::1]')).toEqual({ host: '::1', port: 587, secure: false });
  });
});

describe('createMailer', () => {
  it('gives up on a server that never greets within the greeting timeout', async () => {
    const silent = await startSilentServer(0); // accepts and says nothing
    cleanups.push(() => silent.stop());
    const mailer = createMailer(`smtp://127.0.0.1:${silent.port}`, 'orders@test.local', { greetingTimeout: 300 });
    cleanups.push(() => mailer.close());

    const started = performance.now();
    const failure = mailer.send(email);
    await expect(failure).rejects.toThrow(/greeting/i);
    await expect(failure).rejects.toMatchObject({ serverAnswered: false }); // a silent server, not a refusal
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('sends several emails over one pooled connection', async () => {
    let connections = 0;
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect(_session, callback) {
        connections += 1;
        callback();
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks).toString());
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.server.address() as AddressInfo).port;
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, 'orders@test.local');
    cleanups.push(() => mailer.close());

    for (let i = 1; i <= 3; i += 1) await mailer.send({ ...email, subject: `Hello ${i}`, messageId: `<${i}@test>` });

    expect(received).toHaveLength(3);
    expect(received[2]).toContain('Message-ID: <3@test>');
    expect(connections).toBe(1);
  });
});

describe('SmtpSendError.permanent and serverAnswered', () => {
  /** A server that answers RCPT TO and the final dot with the code each address names, as `<code>@…`. */
  async function refusingServer(): Promise<string> {
    const codeOf = (address: string) => Number(/^(\d{3})-/.exec(address)?.[1] ?? 250);
    const refusal = (code: number) => Object.assign(new Error(`refused with ${code}`), { responseCode: code });
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onMailFrom(address, _session, callback) {
        const code = codeOf(address.address);
        callback(code >= 400 ? refusal(code) : undefined);
      },
      onRcptTo(address, _session, callback) {
        const code = codeOf(address.address);
        callback(code >= 400 && !address.address.includes('.data') ? refusal(code) : undefined);
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          const code = codeOf(session.envelope.rcptTo[0]!.address);
          callback(code >= 400 ? refusal(code) : undefined);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  }

  async function failureOf(smtpUrl: string, from: string, to: string): Promise<SmtpSendError> {
    const mailer = createMailer(smtpUrl, from);
    cleanups.push(() => mailer.close());
    const failure: unknown = await mailer.send({ ...email, to }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SmtpSendError);
    return failure as SmtpSendError;
  }

  it('is true for a 5xx to the recipient or to the message: sending it again would be refused again', async () => {
    const smtpUrl = await refusingServer();
    const refused = await failureOf(smtpUrl, 'orders@test.local', '550-nobody@example.com');
    expect(refused).toMatchObject({ permanent: true, to: '550-nobody@example.com' });
    expect(refused.reply).toMatch(/^550 /);
    // A reply PostgreSQL could not store (a NUL) is kept with U+FFFD: it goes on the order's timeline.
    const odd = new SmtpSendError(Object.assign(new Error('x'), { response: '550 no\u0000body' }), 'a@b.example');
    expect(odd.reply).toBe('550 no\uFFFDbody');
    expect((await failureOf(smtpUrl, 'orders@test.local', '554-spam@example.data')).permanent).toBe(true);
    expect(refused.serverAnswered).toBe(true);
  });

  it('is false for a 4xx, a 5xx to our own sender address, and a server that cannot be reached', async () => {
    const smtpUrl = await refusingServer();
    expect((await failureOf(smtpUrl, 'orders@test.local', '450-busy@example.com')).permanent).toBe(false);
    expect((await failureOf(smtpUrl, 'orders@test.local', '451-later@example.data')).permanent).toBe(false);
    expect((await failureOf(smtpUrl, '553-orders@test.local', 'vendor@example.com')).permanent).toBe(false);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await failureOf(`smtp://127.0.0.1:${port}`, 'orders@test.local', 'vendor@example.com');
    expect(unreachable.permanent).toBe(false);
    // A server that answers, even with a 4xx, is there; one that cannot be reached is not.
    expect((await failureOf(smtpUrl, 'orders@test.local', '450-busy@example.com')).serverAnswered).toBe(true);
    expect(unreachable.serverAnswered).toBe(false);
  });
});

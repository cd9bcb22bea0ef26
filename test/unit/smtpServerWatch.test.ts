// The watch of the SMTP server over a mailer whose sends the test settles by hand, on a clock the test moves. (The
// worker's real mailer and a silent server on loopback: test/integration/smtpSilent.test.ts and drill 8b.)
import { describe, expect, it } from 'vitest';
import { type Mailer, type OutgoingEmail, SmtpSendError } from '../../src/mail/mailer';
import { watchSmtpServer } from '../../src/mail/smtpServerWatch';

const silentError = () =>
  new SmtpSendError(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' }), 'a@example.com');
const replyError = (code: number) =>
  new SmtpSendError(Object.assign(new Error(`${code} busy`), { responseCode: code, response: `${code} busy` }), 'x');

/** A mailer whose every send waits until the test settles it. */
function handMailer() {
  const sends: { email: OutgoingEmail; settle(error?: Error): void }[] = [];
  const mailer: Mailer = {
    send: (email) =>
      new Promise<void>((resolve, reject) =>
        sends.push({ email, settle: (error) => (error ? reject(error) : resolve()) }),
      ),
    close: () => undefined,
  };
  return { mailer, sends };
}

function setUp(connections = 2) {
  let clock = 0;
  const hand = handMailer();
  const changes: unknown[] = [];
  const watch = watchSmtpServer(hand.mailer, {
    retryAfterMs: 30_000,
    connections,
    onChange: (change) => changes.push(change),
    now: () => clock,
  });
  const email = (to: string): OutgoingEmail => ({ to, subject: 's', html: 'h', text: 't', messageId: `<${to}>` });
  /** An order email in its turn: what the activity does, with the send through the watched mailer. */
  const orderEmail = (to: string) => watch.orderEmailTurn(to, () => watch.mailer.send(email(to)));
  const settled = (promise: Promise<unknown>) =>
    promise.then(
      () => 'sent',
      (error: SmtpSendError) => error.message,
    );
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { ...hand, watch, changes, email, orderEmail, settled, tick, advance: (ms: number) => (clock += ms) };
}

describe('watchSmtpServer', () => {
  it('fails order emails at once, untried, for a while after a send found the server silent', async () => {
    const { sends, changes, orderEmail, settled, tick, advance } = setUp();
    const first = settled(orderEmail('a@example.com'));
    await tick();
    sends[0]!.settle(silentError());
    expect(await first).toMatch(/Greeting never received/);
    expect(changes).toEqual([{ silent: true, error: 'Greeting never received' }]);

    advance(10_000);
    const second = await settled(orderEmail('b@example.com'));
    expect(second).toBe(
      'SMTP send failed: not tried: the SMTP server did not answer an email 10 s ago (Greeting never received)',
    );
    expect(sends).toHaveLength(1); // the silent server was not asked again
    expect(changes).toHaveLength(1); // ops are told once, not at every email
  });

  it('lets one order email try again after the wait, the others still failing meanwhile, and goes on once it is sent', async () => {
    const { sends, orderEmail, settled, tick, advance } = setUp();
    const first = settled(orderEmail('a@example.com'));
    await tick();
    sends[0]!.settle(silentError());
    await first;

    advance(30_000);
    const retry = settled(orderEmail('b@example.com'));
    await tick();
    expect(sends).toHaveLength(2);
    expect(await settled(orderEmail('c@example.com'))).toMatch(/not tried/); // while b tries, c does not
    sends[1]!.settle(); // the server answers b
    expect(await retry).toBe('sent');

    const next = settled(orderEmail('d@example.com'));
    await tick();
    expect(sends).toHaveLength(3);
    sends[2]!.settle();
    expect(await next).toBe('sent');
  });

  it('ends the wait at any answer from the server: a relay send sent, or a reply code', async () => {
    const { sends, changes, watch, email, orderEmail, settled, tick } = setUp();
    const first = settled(orderEmail('a@example.com'));
    await tick();
    sends[0]!.settle(silentError());
    await first;

    const relayed = settled(watch.mailer.send(email('relay@example.com'))); // the relay tries regardless
    await tick();
    sends[1]!.settle(replyError(451));
    expect(await relayed).toMatch(/451/);
    expect(changes).toEqual([{ silent: true, error: 'Greeting never received' }, { silent: false }]);

    const next = settled(orderEmail('b@example.com'));
    await tick();
    expect(sends).toHaveLength(3); // tried: the server answered, if with a 451
    sends[2]!.settle();
    expect(await next).toBe('sent');
  });

  it('sends as many order emails at once as it has connections, and fails the ones waiting once the server is found silent', async () => {
    const { sends, orderEmail, settled, tick } = setUp(2);
    const results = ['a', 'b', 'c', 'd'].map((name) => settled(orderEmail(`${name}@example.com`)));
    await tick();
    expect(sends.map((send) => send.email.to)).toEqual(['a@example.com', 'b@example.com']);

    sends[0]!.settle(); // a is sent: c takes its connection
    await tick();
    expect(sends.map((send) => send.email.to)).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);

    sends[1]!.settle(silentError()); // b finds the server silent: d, still waiting, is not tried
    expect(await results[3]).toMatch(/not tried/);
    sends[2]!.settle(silentError());
    expect(await Promise.all(results.slice(0, 3))).toEqual([
      'sent',
      expect.stringMatching(/Greeting/),
      expect.stringMatching(/Greeting/),
    ]);
    expect(sends).toHaveLength(3);
  });
});

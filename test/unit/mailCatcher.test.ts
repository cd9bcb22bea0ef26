// The mail catcher (the SMTP server of `npm start`, the tests and the drills) against clients that vanish.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type MailCatcher, startMailCatcher } from '../../src/mail/mailCatcher';
import { createMailer } from '../../src/mail/mailer';

let catcher: MailCatcher | undefined;
afterEach(async () => {
  await catcher?.stop();
  catcher = undefined;
});

/** Speaks SMTP up to the middle of a message's data, then resets the connection, as a killed sender does. */
async function abandonMidMessage(port: number): Promise<void> {
  const socket = connect({ host: '127.0.0.1', port });
  const replies: string[] = [];
  socket.on('data', (chunk: Buffer) => replies.push(chunk.toString()));
  const reply = async (code: string) => {
    for (let waited = 0; !replies.join('').includes(`\r\n${code}`) && !replies.join('').startsWith(code); waited++) {
      if (waited > 200) throw new Error(`no ${code} reply: ${replies.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    replies.length = 0;
  };
  await reply('220');
  for (const [command, code] of [
    ['EHLO worker', '250'],
    ['MAIL FROM:<orders@shop.example>', '250'],
    ['RCPT TO:<vendor@example.com>', '250'],
    ['DATA', '354'],
  ] as const) {
    socket.write(`${command}\r\n`);
    await reply(code);
  }
  socket.write('Subject: half a message\r\n\r\nThe sender dies before the final dot');
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.resetAndDestroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('startMailCatcher', () => {
  it('drops a message whose sender resets the connection mid-data, and keeps receiving', async () => {
    catcher = await startMailCatcher({ smtpPort: 0 });
    await abandonMidMessage(Number(new URL(catcher.smtpUrl).port));
    const mailer = createMailer(catcher.smtpUrl, 'orders@shop.example');
    await mailer.send({
      to: 'vendor@example.com',
      subject: 'After',
      html: '<p>ok</p>',
      text: 'ok',
      messageId: '<a@t>',
    });
    mailer.close();
    expect(catcher.messages.map((m) => m.subject)).toEqual(['After']);
  });

  it('refuses, for good, an address at a domain that cannot exist (.invalid), as a real server would', async () => {
    catcher = await startMailCatcher({ smtpPort: 0 });
    const mailer = createMailer(catcher.smtpUrl, 'orders@shop.example');
    const message = { subject: 'Hi', html: '<p>hi</p>', text: 'hi', messageId: '<b@t>' };
    const refused: unknown = await mailer.send({ ...message, to: 'ana@shop.invalid' }).catch((error: unknown) => error);
    await mailer.send({ ...message, to: 'ana@example.com' });
    mailer.close();
    expect(refused).toMatchObject({ permanent: true, message: expect.stringMatching(/550/) as unknown });
    expect(catcher.messages.map((m) => m.to)).toEqual([['ana@example.com']]);
  });
});

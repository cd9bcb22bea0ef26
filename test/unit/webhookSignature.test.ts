// The storefront webhook signature: what a receiver checks before it trusts a batch of events.
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../src/storefront/webhookSignature';

const SECRET = 'a-storefront-secret-of-32-characters';
const BODY = '{"events":[],"nextCursor":"MC4w"}';
const NOW = Date.parse('2026-12-06T12:00:00Z');

describe('storefront webhook signature', () => {
  it('verifies a signature made with the secret over the body and its time', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(SECRET, header, BODY, NOW + 60_000)).toBe(true);
  });

  it('refuses another body, another secret, a stale time and headers that are not signatures', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    expect(verifyWebhook(SECRET, header, BODY.replace('[]', '[{}]'), NOW)).toBe(false);
    expect(verifyWebhook(`${SECRET}x`, header, BODY, NOW)).toBe(false);
    expect(verifyWebhook(SECRET, header, BODY, NOW + 301_000)).toBe(false);
    const newerTime = header.replace(/^t=(\d+)/, (_, t: string) => `t=${Number(t) + 1}`);
    expect(verifyWebhook(SECRET, newerTime, BODY, NOW)).toBe(false);
    for (const bad of [undefined, '', 'v1=abc', 't=abc,v1=00', `t=${NOW / 1000},v1=zz`]) {
      expect(verifyWebhook(SECRET, bad, BODY, NOW)).toBe(false);
    }
  });
});

// Rotating the platform token without a moment when every client must change at once: with PLATFORM_TOKEN_PREVIOUS
// set, the old token still works, each request made with it is counted for ops, and any other token is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSamples, sampleValue } from '../support/prometheusText';
import { type TestStack, apiAs, startTestStack } from '../support/testStack';

const PREVIOUS_TOKEN = 'previous-platform-token-0123';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ previousPlatformToken: PREVIOUS_TOKEN });
});
afterAll(async () => stack?.stop());

/** How many requests this API process took with the previous token so far. */
async function previousTokenRequests(): Promise<number> {
  const samples = parseSamples(String((await stack.platform.get('/metrics')).body));
  return sampleValue(samples, 'dropship_platform_token_previous_requests_total') ?? Number.NaN;
}

describe('a platform token rotation', () => {
  it('accepts the previous token as the platform, and counts each request made with it', async () => {
    const before = await previousTokenRequests();
    expect(before).toBe(0);
    const previous = apiAs(stack.baseUrl, PREVIOUS_TOKEN);
    const created = await previous.post('/v1/vendors', { name: 'Rotation Goods', email: 'rotation@example.com' });
    expect(created.status).toBe(201);
    expect((await previous.get('/v1/vendors?limit=1')).status).toBe(200);
    expect(await previousTokenRequests()).toBe(2);
    expect((await stack.platform.get('/v1/vendors?limit=1')).status).toBe(200); // the current token: not counted
    expect(await previousTokenRequests()).toBe(2);
  });

  it('refuses any other token, and a vendor token stays a vendor’s', async () => {
    const stranger = await apiAs(stack.baseUrl, 'previous-platform-token-0124').get('/v1/vendors');
    expect([stranger.status, stranger.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const vendor = await stack.createVendor();
    expect((await vendor.api.get('/v1/vendors')).status).toBe(403);
  });
});

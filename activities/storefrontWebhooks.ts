// The storefront webhook relay (run by its Schedule, src/temporal/storefrontWebhookSchedule.ts): posts the change
// feed (src/orders/changeFeed.ts) to STOREFRONT_WEBHOOK_URL as it grows, in feed order, signed, each batch until
// the storefront answers 2xx. At least once: the cursor moves only after a 2xx, so a crash between the two sends
// that batch again, and receivers drop an event id they have seen. In order: a batch the storefront refuses is
// retried, with growing pauses, before anything after it; ops see the failures in FeedRelayCursor and the logs.
import { Context, log } from '@temporalio/activity';
import type { Pool } from 'pg';
import { perPool } from '../src/db/perPool';
import { withSessionLock } from '../src/db/sessionLock';
import { relayCursor, relayDelivered, relayFailed } from '../src/db/sql/feedRelayCursor';
import { changeFeedEnd, readChangeFeed } from '../src/orders/changeFeed';
import { SIGNATURE_HEADER, signWebhook } from '../src/storefront/webhookSignature';

export interface StorefrontWebhook {
  url: string;
  secret: string;
}

export interface RelayToStorefrontInput {
  /** The relay's row in FeedRelayCursor. */
  relay: string;
  /** How long this run relays; the Schedule's next run takes over. */
  runForMs: number;
  /** How often an idle run looks for new events. */
  pollEveryMs: number;
  batchSize: number;
  /** The longest pause between attempts at a batch the storefront did not take. */
  maxBackoffMs: number;
}

export interface RelayToStorefrontResult {
  /** Why nothing was relayed: no webhook configured, or another run holds the relay. */
  skipped?: 'not configured' | 'another run is relaying';
  delivered: number;
  batches: number;
  failures: number;
  lastError?: string | undefined;
}

const POST_TIMEOUT_MS = 10_000;

/**
 * Per relay, the batch its receiver took whose cursor could not be saved after (a failover dropped the connection,
 * or the database took only reads): the attempt that retries saves the cursor past it instead of posting it again,
 * as long as the saved cursor is still where the batch began. Drill 3c posted 32 events twice before. Per process,
 * like the outbox's memory (src/db/outboxSend.ts): a run on another worker posts the batch again, which receivers
 * drop.
 */
const takenButUnsaved = perPool(() => new Map<string, { from: string; to: string }>());

/** Posts one batch; the reason it was not taken, or undefined for a 2xx. */
async function postBatch(webhook: StorefrontWebhook, body: string): Promise<string | undefined> {
  try {
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'dropship-fulfillment',
        [SIGNATURE_HEADER]: signWebhook(webhook.secret, body),
      },
      body,
      redirect: 'manual', // a redirect is the storefront's misconfiguration, not a place to send signed events
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${POST_TIMEOUT_MS / 1000} s`;
    return String((error as { cause?: unknown }).cause ?? error);
  }
}

export function createStorefrontWebhookActivities(deps: { pool: Pool; storefrontWebhook?: StorefrontWebhook }) {
  return {
    async relayToStorefront(input: RelayToStorefrontInput): Promise<RelayToStorefrontResult> {
      const webhook = deps.storefrontWebhook;
      const result: RelayToStorefrontResult = { delivered: 0, batches: 0, failures: 0 };
      if (!webhook) return { ...result, skipped: 'not configured' };
      const context = Context.current();
      const deadline = Date.now() + input.runForMs;
      // One run at a time, or two would post the same events out of order.
      const relayed = await withSessionLock(deps.pool, `feed-relay:${input.relay}`, async (lockLost) => {
        let { cursor, failures: failuresInARow } = await relayCursor(deps.pool, input.relay, () =>
          changeFeedEnd(deps.pool),
        );
        const unsaved = takenButUnsaved(deps.pool);
        const taken = unsaved.get(input.relay);
        if (taken?.from === cursor) {
          await relayDelivered(deps.pool, input.relay, taken.to);
          cursor = taken.to;
          failuresInARow = 0;
        }
        unsaved.delete(input.relay);
        while (Date.now() < deadline) {
          const lost = lockLost();
          if (lost) throw new Error(`the relay's lock session closed: ${lost.message}`);
          context.heartbeat({ cursor });
          const page = await readChangeFeed(deps.pool, { cursor, limit: input.batchSize });
          if (page.events.length === 0) {
            await context.sleep(Math.min(input.pollEveryMs, Math.max(0, deadline - Date.now())));
            continue;
          }
          const failure = await postBatch(
            webhook,
            JSON.stringify({ events: page.events, nextCursor: page.nextCursor }),
          );
          if (failure === undefined) {
            unsaved.set(input.relay, { from: cursor, to: page.nextCursor });
            await relayDelivered(deps.pool, input.relay, page.nextCursor);
            unsaved.delete(input.relay);
            cursor = page.nextCursor;
            result.delivered += page.events.length;
            result.batches += 1;
            failuresInARow = 0;
            continue;
          }
          failuresInARow += 1;
          result.failures += 1;
          result.lastError = failure;
          await relayFailed(deps.pool, input.relay, failure);
          log.warn('storefront webhook not taken; the batch is retried before anything after it', {
            url: webhook.url,
            failure,
            failuresInARow,
          });
          const pause = Math.min(input.maxBackoffMs, 1_000 * 2 ** (failuresInARow - 1));
          // Not due before this run's time is up: the next run makes the attempt, backing off from this count.
          if (Date.now() + pause >= deadline) break;
          await context.sleep(pause);
        }
        return result;
      });
      if (!relayed) return { ...result, skipped: 'another run is relaying' };
      if (result.batches > 0 || result.failures > 0) log.info('storefront webhooks relayed', { ...result });
      return result;
    },
  };
}

// A storefront's webhook endpoint on loopback, for the tests and the drills: records every request it gets with
// whether its signature checks out, and answers 500 to the first `refuse` of them, after `beforeAnswer` if set.
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangeFeedEvent } from '../../src/orders/changeFeed';
import { SIGNATURE_HEADER, verifyWebhook } from '../../src/storefront/webhookSignature';

export interface Delivery {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  signed: boolean;
  events: ChangeFeedEvent[];
}

export interface StorefrontReceiver {
  url: string;
  deliveries: Delivery[];
  /** How many of the next requests to answer 500. */
  refuse: number;
  /** Run once a request is read, before it is answered: what happens to the sender meanwhile. */
  beforeAnswer?: (() => Promise<void>) | undefined;
  /** The events it took (answered 2xx), in the order it took them. */
  taken(): ChangeFeedEvent[];
  stop(): Promise<void>;
}

export function startStorefrontReceiver(secret: string): Promise<StorefrontReceiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      await receiver.beforeAnswer?.();
      const body = Buffer.concat(chunks).toString();
      const status = receiver.refuse > 0 ? 500 : 200;
      if (status === 500) receiver.refuse -= 1;
      const signature = req.headers[SIGNATURE_HEADER.toLowerCase()];
      const signed = verifyWebhook(secret, typeof signature === 'string' ? signature : undefined, body);
      deliveries.push({ at: Date.now(), headers: req.headers, body, status, signed, events: JSON.parse(body).events });
      res.writeHead(status).end();
    });
  });
  const receiver: StorefrontReceiver = {
    url: '',
    deliveries,
    refuse: 0,
    taken: () => deliveries.filter((d) => d.status === 200).flatMap((d) => d.events),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/dropship`;
      resolve(receiver);
    });
  });
}

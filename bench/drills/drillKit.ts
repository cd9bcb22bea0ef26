// What every fault drill works with: the deployed service (harness), the run's options and its verdicts, and
// the storefront, vendor and carrier moves a drill makes.
import { type Api, apiAs } from '../../test/support/api';
import { dropshipOrderBody, newTrackingNumber, supplierOrderBody } from '../../test/support/fixtures';
import { type Harness, sleep } from '../harness';

export interface DrillRun {
  h: Harness;
  /** Smaller counts for a smoke run. */
  quick: boolean;
  /** Prints a drill's verdict now and keeps it for the closing table. */
  record(drill: string, pass: boolean, detail: string): void;
}

export interface Vendor {
  id: string;
  api: Api;
}

export async function newVendor(h: Harness, name: string): Promise<Vendor> {
  const response = await h.platform.post('/v1/vendors', {
    name,
    email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`,
  });
  return { id: response.body.vendor.id, api: apiAs(h.baseUrl, response.body.token) };
}

/** Retries a request while the service is unavailable (a client's normal behaviour during an outage). */
export async function persist(call: () => Promise<{ status: number; body: any }>, okStatuses: number[]): Promise<any> {
  for (let attempt = 0; ; attempt += 1) {
    // Status 0: no HTTP answer at all; the body keeps why, for the message if it never recovers.
    const response = await call().catch((error: unknown) => ({
      status: 0,
      body: String((error as { cause?: unknown })?.cause ?? error),
    }));
    if (okStatuses.includes(response.status)) return response.body;
    if (attempt > 600) throw new Error(`gave up: ${response.status} ${JSON.stringify(response.body)}`);
    await sleep(500);
  }
}

/** One order from paid to COMPLETED, driven like a storefront, a vendor and a carrier would. */
export async function lifecycle(h: Harness, vendor: Vendor): Promise<string> {
  const body = dropshipOrderBody(vendor.id);
  const created = await persist(() => h.platform.post('/v1/orders', body), [200, 201]);
  const id: string = created.order.id;
  await persist(() => vendor.api.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody()), [200, 409]);
  const number = newTrackingNumber();
  await persist(() => vendor.api.post(`/v1/orders/${id}/tracking`, { trackingNumber: number }), [200, 409]);
  await persist(
    async () => ({ status: (await h.fake.advance(number, 'Delivered')) ?? 0, body: undefined }),
    [200, 409],
  );
  return id;
}

export async function statuses(h: Harness, ids: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const status = (await h.platform.get(`/v1/orders/${id}`)).body?.order?.status ?? 'unreadable';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

export async function waitCompleted(h: Harness, ids: string[], timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await statuses(h, ids);
    if (counts.COMPLETED === ids.length || Date.now() > deadline) return counts;
    await sleep(2000);
  }
}

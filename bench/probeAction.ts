// temporary probe: where does a vendor action's time go?
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { dropshipOrderBody, supplierOrderBody } from '../test/support/fixtures';
import { apiAs } from '../test/support/api';
import { startHarness, percentile } from './harness';
import { orderWorkflowId } from '../workflows/messages';

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const harness = await startHarness({ name: 'probe', env: {} });
  const { platform, client } = harness;
  try {
    const v = await platform.post('/v1/vendors', { name: 'P', email: 'p@example.com' });
    const vendor = apiAs(harness.baseUrl, v.body.token);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await platform.post('/v1/orders', dropshipOrderBody(v.body.vendor.id))).body.order.id);
    await new Promise((r) => setTimeout(r, 3000));
    const lat: number[] = [];
    for (const id of ids.slice(0, 50)) {
      const t = performance.now();
      const r = await vendor.post(`/v1/orders/${id}/supplier-order`, supplierOrderBody());
      if (r.status !== 200) throw new Error(JSON.stringify(r.body));
      lat.push(performance.now() - t);
    }
    console.log('p50', percentile(lat, 50).toFixed(1), 'p99', percentile(lat, 99).toFixed(1));
    const t = performance.now();
    await vendor.get(`/v1/orders/${ids[55]}`);
    console.log('GET', (performance.now() - t).toFixed(1));
    const h = await client.workflow.getHandle(orderWorkflowId(ids[10]!)).fetchHistory();
    let prev = 0;
    for (const e of h.events ?? []) {
      const ms = Number(e.eventTime!.seconds) * 1000 + e.eventTime!.nanos! / 1e6;
      console.log(String(e.eventId).padStart(3), (prev ? (ms - prev).toFixed(1) : '0').padStart(7), e.eventType);
      prev = ms;
    }
  } finally {
    await harness.stop();
  }
}
void main();

import { Text } from '@react-email/components';
import { durationDetail } from '../durationDetail';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';
import { SupplierLines } from './parts';

/** Email 2a: the order still waits for the supplier purchase (first and second reminder). */
export default function VendorReminder(ctx: OrderEmailContext) {
  const waited = durationDetail(ctx.details, 'waiting', 24);
  return (
    <Layout
      preview={`Reminder: order ${ctx.externalId} is waiting`}
      heading={`Order ${ctx.externalId} has waited ${waited}`}
      orderUrl={ctx.orderUrl}
    >
      <Text>
        Hi {ctx.vendor.name}, this order is still waiting for you to buy it from the supplier. Fast fulfillment means
        faster delivery and better reviews.
      </Text>
      <SupplierLines items={ctx.items} />
    </Layout>
  );
}
VendorReminder.PreviewProps = { ...PREVIEW_CONTEXT, details: { waitingMs: String(24 * 3_600_000), occurrence: '1' } };

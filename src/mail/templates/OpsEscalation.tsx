import { Text } from '@react-email/components';
import { durationDetail } from '../durationDetail';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';

/** Email 2b: ops are told an order has waited past the escalation threshold. */
export default function OpsEscalation(ctx: OrderEmailContext) {
  const waited = durationDetail(ctx.details, 'waiting', 72);
  return (
    <Layout
      preview={`Escalation: order ${ctx.externalId} unprocessed for ${waited}`}
      heading={`Order ${ctx.externalId} unprocessed for ${waited}`}
      orderUrl={ctx.opsUrl}
      linkLabel="Workflow in the Temporal Web UI"
    >
      <Text>
        Vendor {ctx.vendor.name} ({ctx.vendor.email}) has not recorded the supplier purchase for order {ctx.externalId}{' '}
        (id {ctx.orderId}) after two reminders.
      </Text>
      <Text>
        Customer: {ctx.customer.name}, {ctx.shippingAddress.city}, {ctx.shippingAddress.country}.
      </Text>
    </Layout>
  );
}
OpsEscalation.PreviewProps = { ...PREVIEW_CONTEXT, details: { waitingMs: String(72 * 3_600_000) } };

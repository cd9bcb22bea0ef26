import { Text } from '@react-email/components';
import { formatMoney } from '../../domain/formatMoney';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';

/**
 * Ops are told that a vendor cancelled an order. The customer's cancellation email says the store will refund
 * them, and the store learns of a vendor's cancellation only from this; a platform cancellation needs no notice.
 */
export default function OpsVendorCancelled(ctx: OrderEmailContext) {
  return (
    <Layout
      preview={`Refund order ${ctx.externalId}: the vendor cancelled it`}
      heading={`Order ${ctx.externalId} was cancelled by its vendor`}
      orderUrl={ctx.opsUrl}
      linkLabel="Workflow in the Temporal Web UI"
    >
      <Text>
        Vendor {ctx.vendor.name} ({ctx.vendor.email}) cancelled order {ctx.externalId} (id {ctx.orderId}){' '}
        {ctx.items.some((item) => item.supplier) ? 'before buying it from the supplier' : 'before shipping it'}
        {ctx.cancelReason ? `: ${ctx.cancelReason}` : '.'}
      </Text>
      <Text>
        The customer, {ctx.customer.name} ({ctx.customer.email}), has been told that the store will refund their payment
        of {formatMoney(ctx.sale)}. Refund it now.
      </Text>
    </Layout>
  );
}
OpsVendorCancelled.PreviewProps = { ...PREVIEW_CONTEXT, cancelReason: 'Out of stock at the supplier' };

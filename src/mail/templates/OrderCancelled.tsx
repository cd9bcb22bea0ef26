import { Text } from '@react-email/components';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';

/** Cancellation notice, worded for the customer or for the vendor. */
export default function OrderCancelled(ctx: OrderEmailContext & { audience?: 'customer' | 'vendor' }) {
  const forVendor = ctx.audience === 'vendor';
  return (
    <Layout
      preview={`Order ${ctx.externalId} was cancelled`}
      heading={`Order ${ctx.externalId} was cancelled`}
      orderUrl={forVendor ? ctx.orderUrl : undefined}
    >
      <Text>
        Hi {forVendor ? ctx.vendor.name : ctx.customer.name}, order {ctx.externalId} has been cancelled
        {ctx.cancelReason ? `: ${ctx.cancelReason}` : '.'}
      </Text>
      {forVendor ? <Text>Do not order it from the supplier.</Text> : <Text>The store will refund your payment.</Text>}
    </Layout>
  );
}
OrderCancelled.PreviewProps = { ...PREVIEW_CONTEXT, cancelReason: 'Customer changed their mind', audience: 'customer' };

import { Text } from '@react-email/components';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';
import { SUPPLIER_NAMES } from './parts';

/**
 * Cancellation notice, worded for the customer or for the vendor. The platform can cancel after the vendor bought
 * from the supplier: then the vendor is asked to cancel that purchase, not told not to make it.
 */
export default function OrderCancelled(ctx: OrderEmailContext & { audience?: 'customer' | 'vendor' }) {
  const forVendor = ctx.audience === 'vendor';
  const bought = ctx.supplierOrder;
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
      {!forVendor ? (
        <Text>The store will refund your payment.</Text>
      ) : bought ? (
        <Text>
          {`You already ordered it from ${SUPPLIER_NAMES[bought.supplier]} (order ${bought.id}). Cancel that order with the supplier before it ships, or ask for a refund.`}
        </Text>
      ) : (
        <Text>Do not order it from the supplier.</Text>
      )}
    </Layout>
  );
}
OrderCancelled.PreviewProps = { ...PREVIEW_CONTEXT, cancelReason: 'Customer changed their mind', audience: 'customer' };

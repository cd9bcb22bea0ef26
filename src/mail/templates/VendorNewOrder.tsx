import { Text } from '@react-email/components';
import { durationDetail } from '../durationDetail';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';
import { AddressBlock, SupplierLines } from './parts';

/** Email 1: a new dropshipping order for the vendor to buy from the supplier. */
export default function VendorNewOrder(ctx: OrderEmailContext) {
  return (
    <Layout
      preview={`New dropshipping order ${ctx.externalId}`}
      heading={`New dropshipping order ${ctx.externalId}`}
      orderUrl={ctx.orderUrl}
    >
      <Text>
        Hi {ctx.vendor.name}, {ctx.customer.name} has paid. Please order from the supplier within{' '}
        {durationDetail(ctx.details, 'target', 24)}.
      </Text>
      <Text style={{ fontWeight: 'bold' }}>Ship to the customer's address, never your own:</Text>
      <AddressBlock address={ctx.shippingAddress} />
      <SupplierLines items={ctx.items} />
      <Text>Then record the supplier order on the order page.</Text>
    </Layout>
  );
}
VendorNewOrder.PreviewProps = PREVIEW_CONTEXT;

import { Text } from '@react-email/components';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';

/** Email 5 (optional): the customer's parcel has been delivered. */
export default function CustomerDelivered(ctx: OrderEmailContext) {
  return (
    <Layout preview={`Your order ${ctx.externalId} was delivered`} heading="Your order was delivered">
      <Text>
        Hi {ctx.customer.name}, your order {ctx.externalId} has been delivered. We hope you enjoy it.
      </Text>
    </Layout>
  );
}
CustomerDelivered.PreviewProps = PREVIEW_CONTEXT;

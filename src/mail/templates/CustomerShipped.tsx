import { Button, Text } from '@react-email/components';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';

/** Email 3: the customer's order has shipped, with carrier, number and tracking link. */
export default function CustomerShipped(ctx: OrderEmailContext) {
  const tracking = ctx.tracking;
  return (
    <Layout preview={`Your order ${ctx.externalId} has shipped`} heading="Your order has shipped">
      <Text>
        Hi {ctx.customer.name}, good news: your order {ctx.externalId} is on its way.
      </Text>
      {tracking ? (
        <>
          <Text>Carrier: {tracking.carrier}</Text>
          <Text>Tracking number: {tracking.number}</Text>
          <Button
            href={tracking.url}
            style={{ backgroundColor: '#0969da', color: '#fff', padding: '8px 14px', borderRadius: '6px' }}
          >
            Track your parcel
          </Button>
        </>
      ) : null}
    </Layout>
  );
}
CustomerShipped.PreviewProps = PREVIEW_CONTEXT;

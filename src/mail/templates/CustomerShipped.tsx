import { Button, Text } from '@react-email/components';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';

/**
 * Email 3: the customer's order has shipped, with carrier, number and tracking link. Sent again when the vendor
 * corrects the tracking (`details.replaces`: the number the customer was given before): a typo, or a parcel lost
 * and sent again, so the words fit both.
 */
export default function CustomerShipped(ctx: OrderEmailContext) {
  const tracking = ctx.tracking;
  const replaces = ctx.details.replaces;
  return (
    <Layout
      preview={customerShippedSubject(ctx)}
      heading={replaces ? 'New tracking details for your order' : 'Your order has shipped'}
    >
      {replaces ? (
        <Text>
          Hi {ctx.customer.name}, the tracking details we sent for your order {ctx.externalId} have changed (a wrong
          number, or your order sent again). Please use these instead; tracking number {replaces} will not show your
          parcel.
        </Text>
      ) : (
        <Text>
          Hi {ctx.customer.name}, good news: your order {ctx.externalId} is on its way.
        </Text>
      )}
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

/** The subject: the shipping news, or the correction of its tracking details. */
export function customerShippedSubject(ctx: OrderEmailContext): string {
  return ctx.details.replaces
    ? `New tracking details for your order ${ctx.externalId}`
    : `Your order ${ctx.externalId} has shipped`;
}

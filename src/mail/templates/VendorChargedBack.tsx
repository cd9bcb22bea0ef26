import { Text } from '@react-email/components';
import { formatMoney } from '../../domain/formatMoney';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';

/**
 * The customer's payment for a completed order was charged back after the vendor's earnings were released: the
 * marketplace takes them back. Without this email the vendor would only find a lower balance, or a smaller payout.
 */
export default function VendorChargedBack(ctx: OrderEmailContext) {
  const amount = ctx.earnings ? formatMoney(ctx.earnings) : 'your earnings';
  return (
    <Layout
      preview={`${amount} taken back from your available earnings`}
      heading={`Chargeback on order ${ctx.externalId}`}
      orderUrl={ctx.orderUrl}
    >
      <Text>
        Hi {ctx.vendor.name}, the payment of {ctx.customer.name} for order {ctx.externalId} was charged back
        {ctx.details.reason ? `: “${ctx.details.reason}”` : '.'}
      </Text>
      <Text>
        The {amount} this order earned you is taken back from your available earnings. If it was already paid out, it
        comes off what you are paid next.
      </Text>
    </Layout>
  );
}
VendorChargedBack.PreviewProps = {
  ...PREVIEW_CONTEXT,
  details: { reason: 'The customer’s bank reversed the payment' },
};

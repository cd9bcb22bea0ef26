import { Text } from '@react-email/components';
import { formatMoney } from '../../domain/formatMoney';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';

/** Email 6: the holding period is over and the order's earnings are available for payout. */
export default function VendorEarningsAvailable(ctx: OrderEmailContext) {
  const amount = ctx.earnings ? formatMoney(ctx.earnings) : 'Your earnings';
  return (
    <Layout
      preview={`${amount} available for payout`}
      heading={`${amount} available for payout`}
      orderUrl={ctx.orderUrl}
    >
      <Text>
        Hi {ctx.vendor.name}, the holding period of order {ctx.externalId} is over: {amount} (sale{' '}
        {formatMoney(ctx.sale)} less supplier cost and commission) is now available for payout.
      </Text>
    </Layout>
  );
}
VendorEarningsAvailable.PreviewProps = PREVIEW_CONTEXT;

import { Text } from '@react-email/components';
import { formatMoney } from '../../domain/formatMoney';
import { PAYOUT_PREVIEW_CONTEXT, type PayoutEmailContext } from '../payoutEmailContext';
import { Layout } from './Layout';

/**
 * To the vendor: the marketplace recorded a payout. With the marketplace's id and reference, the two things a vendor
 * matches against its bank statement.
 */
export default function VendorPayoutSent(ctx: PayoutEmailContext) {
  const amount = formatMoney(ctx.payout.amount);
  return (
    <Layout
      preview={`Payout of ${amount} sent`}
      heading={`Payout of ${amount} sent`}
      orderUrl={ctx.earningsUrl}
      linkLabel="Earnings page"
    >
      <Text>
        Hi {ctx.vendor.name}, the marketplace paid you {amount} from your available earnings: payout{' '}
        {ctx.payout.externalId}
        {ctx.payout.reference ? `, reference “${ctx.payout.reference}”` : ''}.
      </Text>
      <Text>Your earnings page lists it in the ledger, with what is still available.</Text>
    </Layout>
  );
}
VendorPayoutSent.PreviewProps = PAYOUT_PREVIEW_CONTEXT;

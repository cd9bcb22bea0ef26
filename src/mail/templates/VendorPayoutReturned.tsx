import { Text } from '@react-email/components';
import { formatMoney } from '../../domain/formatMoney';
import { PAYOUT_RETURNED_PREVIEW_CONTEXT, type PayoutEmailContext } from '../payoutEmailContext';
import { Layout } from './Layout';

/**
 * To the vendor: a payout it was told of never arrived (its bank sent the transfer back), and the money is in its
 * available earnings again, to be paid out once the marketplace has the right details.
 */
export default function VendorPayoutReturned(ctx: PayoutEmailContext) {
  const amount = formatMoney(ctx.payout.amount);
  return (
    <Layout
      preview={`Payout of ${amount} returned`}
      heading={`Payout of ${amount} returned`}
      orderUrl={ctx.earningsUrl}
      linkLabel="Earnings page"
    >
      <Text>
        Hi {ctx.vendor.name}, payout {ctx.payout.externalId}
        {ctx.payout.reference ? ` (reference “${ctx.payout.reference}”)` : ''} of {amount} came back to the marketplace
        {ctx.payout.returnReason ? `: ${ctx.payout.returnReason}` : ''}.
      </Text>
      <Text>
        The {amount} is in your available earnings again and will be paid out with them. If your payout details have
        changed, tell the marketplace before its next payout.
      </Text>
    </Layout>
  );
}
VendorPayoutReturned.PreviewProps = PAYOUT_RETURNED_PREVIEW_CONTEXT;

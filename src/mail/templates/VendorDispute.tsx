import { Text } from '@react-email/components';
import { formatMoney } from '../../domain/formatMoney';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';
import { SUPPLIER_NAMES } from './parts';

/**
 * The vendor is told when the marketplace opens a dispute on a delivered order (its earnings are held) and how it
 * was resolved (released in time, or reversed). Both used to show only on the dashboard's timeline, which a vendor
 * does not watch; a dispute lost unseen is money taken back without a word.
 */
export default function VendorDispute(ctx: OrderEmailContext & { stage?: 'opened' | 'resolved' }) {
  const amount = ctx.earnings ? formatMoney(ctx.earnings) : 'your earnings';
  if (ctx.stage === 'resolved') {
    const forVendor = ctx.details.outcome === 'vendor';
    return (
      <Layout
        preview={forVendor ? `Resolved in your favour: ${amount} no longer held` : `${amount} reversed`}
        heading={`The dispute on order ${ctx.externalId} was resolved ${forVendor ? 'in your favour' : 'for the customer'}`}
        orderUrl={ctx.orderUrl}
      >
        <Text>
          {forVendor
            ? `Hi ${ctx.vendor.name}, the marketplace resolved the dispute on order ${ctx.externalId} in your favour. ${amount} is no longer held: it becomes available for payout when the order's holding period ends, and you will be emailed then.`
            : `Hi ${ctx.vendor.name}, the marketplace resolved the dispute on order ${ctx.externalId} for the customer, ${ctx.customer.name}. Your earnings of ${amount} from this order are reversed and will not be paid out.`}
        </Text>
      </Layout>
    );
  }
  const bought = ctx.supplierOrder;
  return (
    <Layout
      preview={`${amount} on hold until the dispute is resolved`}
      heading={`A dispute was opened on order ${ctx.externalId}`}
      orderUrl={ctx.orderUrl}
    >
      <Text>
        Hi {ctx.vendor.name}, the marketplace opened a dispute on order {ctx.externalId}, delivered to{' '}
        {ctx.customer.name}
        {ctx.details.reason ? `: “${ctx.details.reason}”` : '.'}
      </Text>
      <Text>
        Your earnings of {amount} from this order are on hold until it is resolved. If it is resolved for the customer,
        they are reversed.
      </Text>
      <Text>
        {`Have at hand what shows the order was fulfilled${bought ? `: your ${SUPPLIER_NAMES[bought.supplier]} order ${bought.id}` : ''}${ctx.tracking ? `${bought ? ' and' : ':'} the ${ctx.tracking.carrier} tracking ${ctx.tracking.number}` : ''}.`}
      </Text>
    </Layout>
  );
}
VendorDispute.PreviewProps = {
  ...PREVIEW_CONTEXT,
  supplierOrder: { supplier: 'aliexpress', id: 'AE-8811' },
  details: { reason: 'The customer says the lamp arrived broken' },
  stage: 'opened',
};

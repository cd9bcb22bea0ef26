import { Text } from '@react-email/components';
import { formatMoney } from '../../domain/formatMoney';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';
import { SUPPLIER_NAMES } from './parts';

/**
 * The vendor is told when the marketplace opens a dispute on an order and how it was resolved. On a delivered order
 * its earnings are held, then released in time or reversed; on one not yet delivered (the customer says it never
 * arrived) there are no earnings yet, and the customer's win refunds the order. Both used to show only on the
 * dashboard's timeline, which a vendor does not watch; a dispute lost unseen is money taken back without a word.
 */
export default function VendorDispute(ctx: OrderEmailContext & { stage?: 'opened' | 'resolved' }) {
  // Earnings are recorded at delivery: none means the dispute is of a parcel still on its way.
  const amount = ctx.earnings ? formatMoney(ctx.earnings) : undefined;
  if (ctx.stage === 'resolved') {
    const forVendor = ctx.details.outcome === 'vendor';
    const greeting = `Hi ${ctx.vendor.name}, the marketplace resolved the dispute on order ${ctx.externalId}`;
    const outcome = forVendor
      ? amount
        ? `${greeting} in your favour. ${amount} is no longer held: it becomes available for payout when the order's holding period ends, and you will be emailed then.`
        : `${greeting} in your favour. The order goes on: your earnings are recorded once it is delivered.`
      : amount
        ? `${greeting} for the customer, ${ctx.customer.name}. Your earnings of ${amount} from this order are reversed and will not be paid out.`
        : `${greeting} for the customer, ${ctx.customer.name}, before delivery: the order is refunded and closed, it earns you nothing, and its tracking is no longer followed.`;
    return (
      <Layout
        preview={
          forVendor
            ? `Resolved in your favour${amount ? `: ${amount} no longer held` : ''}`
            : amount
              ? `${amount} reversed`
              : 'Order refunded to the customer'
        }
        heading={`The dispute on order ${ctx.externalId} was resolved ${forVendor ? 'in your favour' : 'for the customer'}`}
        orderUrl={ctx.orderUrl}
      >
        <Text>{outcome}</Text>
      </Layout>
    );
  }
  const bought = ctx.supplierOrder;
  return (
    <Layout
      preview={amount ? `${amount} on hold until the dispute is resolved` : 'A dispute on an order not yet delivered'}
      heading={`A dispute was opened on order ${ctx.externalId}`}
      orderUrl={ctx.orderUrl}
    >
      <Text>
        Hi {ctx.vendor.name}, the marketplace opened a dispute on order {ctx.externalId},{' '}
        {amount ? 'delivered' : 'shipped but not yet delivered'} to {ctx.customer.name}
        {ctx.details.reason ? `: “${ctx.details.reason}”` : '.'}
      </Text>
      <Text>
        {amount
          ? `Your earnings of ${amount} from this order are on hold until it is resolved. If it is resolved for the customer, they are reversed.`
          : 'If it is resolved for the customer, the order is refunded and earns you nothing. If the parcel is delivered meanwhile, your earnings from it are held until the dispute is resolved.'}
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

import { Text } from '@react-email/components';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';
import { SUPPLIER_NAMES } from './parts';

/** What each problem means to the vendor, and what to do about it. */
export const PROBLEM_TEXT: Record<string, { title: string; advice: string }> = {
  'supplier-not-shipped': {
    title: 'The supplier has not shipped yet',
    advice:
      'Contact the supplier about the order, then add the tracking number as soon as you have it. If the supplier cancelled it, buy again (from them or the other supplier) and correct the supplier order on the order page.',
  },
  'tracking-exception': {
    title: 'The carrier reports a problem',
    advice: 'Check the tracking page and contact the supplier or carrier before the customer asks.',
  },
  'delivery-failure': {
    title: 'Delivery failed',
    advice: 'The carrier could not deliver the parcel. Check the address with the customer and the carrier.',
  },
  'tracking-expired': {
    title: 'Tracking has stopped updating',
    advice:
      'The carrier has reported nothing for a long time. Ask the supplier for news of the parcel. If it is lost, send the customer another and correct the tracking number on the order page (the customer is emailed the new one); a customer who hears nothing can open a dispute, and an order refunded for it earns nothing.',
  },
  'customer-tracking-refused': {
    title: 'The customer did not get their tracking email',
    advice:
      "The customer's mail server refused the email with their tracking number, so they do not know their parcel is on its way. Reach them another way (the phone below, if the store gave one), or ask the store to correct their email address: the tracking email then goes again to the new one.",
  },
  'no-carrier-data': {
    title: 'The carrier has no data for this tracking number',
    advice:
      'Check the tracking number and carrier with the supplier. If either is wrong, correct it on the order page: the right number is tracked instead and the customer is emailed it.',
  },
};

/** The customer's name, and the phone the shipping address gives, if any: how the vendor can reach them. */
const customerReach = ({ shippingAddress: { name, phone } }: OrderEmailContext) =>
  phone ? `${name}, phone ${phone}` : name;

/** Email 4: a fulfillment problem the vendor should act on. */
export default function VendorAlert(ctx: OrderEmailContext) {
  const problem = PROBLEM_TEXT[ctx.details.problem ?? ''] ?? {
    title: 'This order needs attention',
    advice: 'Open the order page.',
  };
  return (
    <Layout
      preview={`${problem.title}: order ${ctx.externalId}`}
      heading={`${problem.title}: order ${ctx.externalId}`}
      orderUrl={ctx.orderUrl}
    >
      <Text>Hi {ctx.vendor.name},</Text>
      <Text>{problem.advice}</Text>
      {ctx.details.problem === 'supplier-not-shipped' && ctx.supplierOrder ? (
        <Text>{`Supplier order: ${SUPPLIER_NAMES[ctx.supplierOrder.supplier]} ${ctx.supplierOrder.id}`}</Text>
      ) : null}
      {ctx.details.problem === 'customer-tracking-refused' ? (
        <>
          <Text>{`Refused address: ${ctx.details.refusedAddress ?? ctx.customer.email}`}</Text>
          {ctx.details.reply ? <Text>{`Their mail server answered: ${ctx.details.reply}`}</Text> : null}
          <Text>{`Customer: ${customerReach(ctx)}`}</Text>
        </>
      ) : null}
      {ctx.tracking ? (
        <Text>
          Tracking: {ctx.tracking.number} ({ctx.tracking.carrier})
          {ctx.details.subStatus ? `, carrier status ${ctx.details.subStatus}` : ''}
        </Text>
      ) : null}
    </Layout>
  );
}
VendorAlert.PreviewProps = PREVIEW_CONTEXT;

import { Text } from '@react-email/components';
import { type OrderEmailContext, PREVIEW_CONTEXT } from '../emailContext';
import { Layout } from './Layout';
import { AddressBlock } from './parts';

/**
 * The store changed the customer's shipping address (a typo fixed, a move) before the vendor bought or shipped the
 * order. The vendor may already have the new-order email open with the old address: this one has the address to use
 * now, and the supplier order is refused with any other.
 */
export default function VendorAddressChanged(ctx: OrderEmailContext) {
  const dropship = ctx.items.some((item) => item.supplier);
  return (
    <Layout
      preview={`New shipping address for order ${ctx.externalId}`}
      heading={`The customer's shipping address changed: order ${ctx.externalId}`}
      orderUrl={ctx.orderUrl}
    >
      <Text>
        Hi {ctx.vendor.name}, the store changed where order {ctx.externalId} goes, for the customer. Ship it to this
        address, not the one in the order email you had before:
      </Text>
      <AddressBlock address={ctx.shippingAddress} />
      <Text>
        {dropship
          ? 'Use it as the ship-to address when you buy from the supplier; the supplier order is refused with the old one.'
          : 'Use it on the parcel when you ship.'}
      </Text>
    </Layout>
  );
}
VendorAddressChanged.PreviewProps = PREVIEW_CONTEXT;

// Small pieces several templates show: the customer's address and the supplier lines of an order.
import { Button, Section, Text } from '@react-email/components';
import type { Address } from '../../domain/address';
import { formatMoney } from '../../domain/formatMoney';
import type { EmailLineItem } from '../emailContext';

export const SUPPLIER_NAMES = { aliexpress: 'AliExpress', cj: 'CJ Dropshipping' } as const;

/** The ship-to address, one line per field, as the vendor must type it at the supplier. */
export function AddressBlock({ address }: { address: Address }) {
  const lines = [
    address.name,
    address.line1,
    address.line2,
    [address.postalCode, address.city].join(' '),
    address.region,
    address.country,
    address.phone ? `Phone: ${address.phone}` : undefined,
  ].filter((line): line is string => Boolean(line));
  return (
    <Section style={{ backgroundColor: '#fff8e6', padding: '12px', borderRadius: '6px' }}>
      {lines.map((line) => (
        <Text key={line} style={{ margin: '0', fontSize: '14px' }}>
          {line}
        </Text>
      ))}
    </Section>
  );
}

/** One block per dropship line: supplier, variant, supplier cost and the "Open Supplier Page" button. */
export function SupplierLines({ items }: { items: EmailLineItem[] }) {
  return (
    <>
      {items
        .filter((item) => item.supplier)
        .map((item) => (
          <Section key={item.sku} style={{ margin: '12px 0' }}>
            <Text style={{ margin: '0', fontWeight: 'bold' }}>
              {item.quantity} × {item.title}
            </Text>
            <Text style={{ margin: '0' }}>Supplier: {SUPPLIER_NAMES[item.supplier!]}</Text>
            {item.variant ? <Text style={{ margin: '0' }}>Variant: {item.variant}</Text> : null}
            {item.supplierCost ? (
              <Text style={{ margin: '0' }}>Supplier cost: {formatMoney(item.supplierCost)}</Text>
            ) : null}
            {item.productUrl ? (
              <Button
                href={item.productUrl}
                style={{
                  backgroundColor: '#b45309',
                  color: '#fff',
                  padding: '8px 14px',
                  borderRadius: '6px',
                  marginTop: '6px',
                }}
              >
                Open Supplier Page
              </Button>
            ) : null}
          </Section>
        ))}
    </>
  );
}

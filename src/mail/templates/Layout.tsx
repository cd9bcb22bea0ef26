// The frame every order email shares: preview line, heading, body, and the order link at the bottom (below a divider).
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Text } from '@react-email/components';
import type { ReactNode } from 'react';

const page = { backgroundColor: '#f6f7f9', fontFamily: 'Helvetica, Arial, sans-serif', color: '#1f2328' };
const card = {
  backgroundColor: '#ffffff',
  margin: '24px auto',
  padding: '24px',
  maxWidth: '560px',
  borderRadius: '8px',
};

/** The shared frame of an order email. */
export function Layout(props: {
  preview: string;
  heading: string;
  orderUrl?: string | undefined;
  /** What the link at the bottom is: the vendor's order page, or for ops the order's workflow. */
  linkLabel?: string;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={page}>
        <Container style={card}>
          <Heading as="h1" style={{ fontSize: '20px' }}>
            {props.heading}
          </Heading>
          {props.children}
          {/* A customer's email has no link to follow (the order page is the vendor's): no divider above nothing. */}
          {props.orderUrl ? (
            <>
              <Hr />
              <Text style={{ fontSize: '12px', color: '#57606a' }}>
                {props.linkLabel ?? 'Order page'}: <Link href={props.orderUrl}>{props.orderUrl}</Link>
              </Text>
            </>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

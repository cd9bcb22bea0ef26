// The OpenAPI 3.1 document (GET /v1/openapi.json), generated from the same zod schemas the routes parse with.
// ROUTES is the catalog of every route; a test checks it against what the app answers.
import { z } from 'zod';
import {
  AddressSchema,
  ChangeFeedQuerySchema,
  CreateOrderSchema,
  CreateVendorSchema,
  EarningsQuerySchema,
  VendorBalancesQuerySchema,
  PayoutsQuerySchema,
  RecordPayoutSchema,
  EmptySchema,
  ListOrdersQuerySchema,
  ListVendorsQuerySchema,
  MoneySchema,
  OrderCountsQuerySchema,
  ReasonSchema,
  ResolveDisputeSchema,
  ShippingAddressChangeSchema,
  CustomerEmailChangeSchema,
  SupplierOrderSchema,
  TrackingSchema,
  UpdateVendorSchema,
} from './schemas';
import {
  ChangeFeedSchema,
  EarningsSchema,
  OrderEmailsSchema,
  PayoutListSchema,
  PayoutsDueSchema,
  VendorsOwingSchema,
  PayoutResponseSchema,
  ErrorSchema,
  OrderCountsSchema,
  OrderListSchema,
  OrderSchema,
  VendorListSchema,
  VendorSchema,
  VendorWithTokenSchema,
} from './responseSchemas';

type Who = 'public' | 'platform' | 'vendor' | 'platform or vendor' | '17TRACK signature';

/** One route of the API, as documented. */
export interface RouteDoc {
  method: 'get' | 'post' | 'patch';
  path: string;
  summary: string;
  who: Who;
  body?: z.ZodType;
  query?: z.ZodObject;
  success: { status: number; description: string; schema?: string; serverTiming?: string };
  errors: number[];
}

/**
 * An order action: POST with a body, answered with the updated order. 503: a backing service is down, the
 * order's workflow has not started yet (ORDER_STARTING), it did not confirm in time (ACTION_NOT_CONFIRMED), or its
 * worker runs code from before the action (ACTION_NOT_DEPLOYED, during a rolling deploy).
 */
function actionRoute(path: string, summary: string, who: Who, body: z.ZodType): RouteDoc {
  const success = {
    status: 200,
    description: 'The updated order',
    schema: 'OrderResponse',
    serverTiming: 'auth (a vendor token), read, workflow (the Temporal Update), reread',
  };
  return { method: 'post', path, summary, who, body, success, errors: [400, 401, 403, 404, 409, 422, 429, 503] };
}

/** Every route of the API. */
export const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    who: 'public',
    success: { status: 200, description: 'The process is up' },
    errors: [],
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: database reachable, and Temporal with the API’s namespace',
    who: 'public',
    success: { status: 200, description: 'Ready' },
    errors: [503],
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This document',
    who: 'public',
    success: { status: 200, description: 'OpenAPI 3.1' },
    errors: [],
  },
  {
    method: 'get',
    path: '/v1/carriers',
    summary: '17TRACK carrier codes for the tracking form',
    who: 'platform or vendor',
    success: { status: 200, description: 'Carriers' },
    errors: [401, 429],
  },
  {
    method: 'post',
    path: '/v1/vendors',
    summary: 'Create a vendor; its token is shown once',
    who: 'platform',
    body: CreateVendorSchema,
    success: {
      status: 201,
      description:
        'The vendor and its token (a replay under the same Idempotency-Key has token null: tokens are never stored)',
      schema: 'VendorWithTokenResponse',
    },
    errors: [400, 401, 403, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/vendors',
    summary: 'List vendors, newest first; `email` finds one by its address',
    who: 'platform',
    query: ListVendorsQuerySchema,
    success: { status: 200, description: '{ vendors, nextCursor }', schema: 'VendorListResponse' },
    errors: [401, 403, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/vendors/me',
    summary: 'The calling vendor',
    who: 'vendor',
    success: { status: 200, description: '{ vendor }', schema: 'VendorResponse' },
    errors: [401, 403, 429],
  },
  {
    method: 'get',
    path: '/v1/vendors/{id}',
    summary: 'One vendor (a vendor sees only itself)',
    who: 'platform or vendor',
    success: { status: 200, description: '{ vendor }', schema: 'VendorResponse' },
    errors: [401, 404, 429],
  },
  {
    method: 'patch',
    path: '/v1/vendors/{id}',
    summary: "Change a vendor's name or email (its orders' emails go to the new address from now on)",
    who: 'platform or vendor',
    body: UpdateVendorSchema,
    success: { status: 200, description: '{ vendor }', schema: 'VendorResponse' },
    errors: [400, 401, 404, 422, 429],
  },
  {
    method: 'post',
    path: '/v1/vendors/{id}/token',
    summary: "Replace the vendor's token; the old one is refused from now on",
    who: 'platform or vendor',
    body: EmptySchema,
    success: {
      status: 200,
      description: 'The vendor and its new token, shown once',
      schema: 'VendorWithTokenResponse',
    },
    errors: [400, 401, 404, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/vendors/{id}/earnings',
    summary:
      "The vendor's pending, available, reversed and paid-out earnings, and the ledger's entries newest first (`me` for the calling vendor; the platform reads any vendor's to pay it out)",
    who: 'platform or vendor',
    query: EarningsQuerySchema,
    success: {
      status: 200,
      description: '{ vendorId, pending, available, reversed, paidOut, byCurrency, entries, nextCursor }',
      schema: 'EarningsResponse',
    },
    errors: [401, 403, 404, 422, 429],
  },
  {
    method: 'post',
    path: '/v1/vendors/{id}/payouts',
    summary:
      "Record a payout the marketplace made to the vendor: it moves the amount from the vendor's available earnings to paid out",
    who: 'platform',
    body: RecordPayoutSchema,
    success: {
      status: 201,
      description:
        'Recorded; 200 with the same payout for a known externalId sent with the same amount and reference (409 PAYOUT_CONFLICT with others). 409 INSUFFICIENT_AVAILABLE, with details.available, when the vendor has less available in that currency.',
      schema: 'PayoutResponse',
    },
    errors: [400, 401, 403, 404, 409, 422, 429],
  },
  {
    method: 'post',
    path: '/v1/vendors/{id}/payouts/{payoutId}/return',
    summary:
      "Record that a payout came back to the marketplace (the vendor's bank refused the transfer): its amount moves from paid out back to available, and the vendor is emailed. Once per payout; a payout returned already is answered as it is",
    who: 'platform',
    body: ReasonSchema,
    success: { status: 200, description: '{ payout } with `returned` set', schema: 'PayoutResponse' },
    errors: [400, 401, 403, 404, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/vendors/{id}/payouts',
    summary: "The vendor's payouts, newest first (`me` for the calling vendor)",
    who: 'platform or vendor',
    query: PayoutsQuerySchema,
    success: { status: 200, description: '{ payouts, nextCursor }', schema: 'PayoutListResponse' },
    errors: [401, 403, 404, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/payouts/due',
    summary:
      'What the marketplace owes: every vendor with earnings available (released, not yet paid out), per currency, for a payout run',
    who: 'platform',
    query: VendorBalancesQuerySchema,
    success: { status: 200, description: '{ due, nextCursor }', schema: 'PayoutsDueResponse' },
    errors: [401, 403, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/payouts/owing',
    summary:
      'What vendors owe the marketplace: every vendor whose available balance a chargeback took below zero, per currency, with the amount (its payouts wait until new earnings cover it)',
    who: 'platform',
    query: VendorBalancesQuerySchema,
    success: { status: 200, description: '{ owing, nextCursor }', schema: 'VendorsOwingResponse' },
    errors: [401, 403, 422, 429],
  },
  {
    method: 'post',
    path: '/v1/orders',
    summary: 'Create an order (idempotent on externalId)',
    who: 'platform',
    body: CreateOrderSchema,
    success: {
      status: 201,
      description:
        'Created; 200 with the same order for a known externalId sent with the same order (409 EXTERNAL_ID_CONFLICT with another). A 503 with details.orderId means the order is recorded but Temporal was unavailable: a retry returns it and starts it.',
      schema: 'OrderResponse',
    },
    errors: [400, 401, 403, 409, 422, 429, 503],
  },
  {
    method: 'get',
    path: '/v1/orders',
    summary: 'List orders, newest first (a vendor sees its own)',
    who: 'platform or vendor',
    query: ListOrdersQuerySchema,
    success: { status: 200, description: '{ orders, nextCursor }', schema: 'OrderListResponse' },
    errors: [401, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/orders/counts',
    summary:
      'How many orders wait in each open status, and how many are overdue (past the supplier-order target); a vendor counts its own',
    who: 'platform or vendor',
    query: OrderCountsQuerySchema,
    success: { status: 200, description: '{ open, overdue }', schema: 'OrderCountsResponse' },
    errors: [401, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/orders/{id}',
    summary: 'One order with its event log',
    who: 'platform or vendor',
    success: {
      status: 200,
      description: 'The order',
      schema: 'OrderResponse',
      serverTiming: 'auth (a vendor token), read',
    },
    errors: [401, 404, 429],
  },
  {
    method: 'get',
    path: '/v1/orders/{id}/emails',
    summary:
      'What became of the order’s emails, oldest first: sent, waiting for the mail server, refused by it, or not sent because the order had moved past them (a vendor sees its own and its customer’s, not ops’)',
    who: 'platform or vendor',
    success: { status: 200, description: '{ emails }', schema: 'OrderEmailsResponse' },
    errors: [401, 404, 429],
  },
  actionRoute(
    '/v1/orders/{id}/supplier-order',
    "Record the supplier purchase (ship-to must be the customer address); the order becomes SUPPLIER_ORDERED. Until tracking is entered, corrects it (a mistyped number, or a purchase made again after the supplier cancelled): `supplier_order.corrected` with the purchase it replaces; another supplier or order number starts the supplier's shipping deadline again. Once shipped and until delivered, another purchase is a reshipment of a lost parcel: `supplier_order.reshipped`, the order stays SHIPPED until its tracking is corrected to the new parcel. The same purchase again changes nothing",
    'vendor',
    SupplierOrderSchema,
  ),
  actionRoute(
    '/v1/orders/{id}/tracking',
    "Enter the tracking number; the order becomes SHIPPED. While SHIPPED (not yet delivered), corrects a wrong number or carrier: the new number is tracked instead, the old one stopped, and the customer emailed the corrected details; the same number and carrier again change nothing. A number 17TRACK refuses for the account's quota, or cannot take within 12 s (an outage), ships all the same and is registered later; only a carrier change is 503 TRACKING_UNAVAILABLE while 17TRACK is down",
    'vendor',
    TrackingSchema,
  ),
  actionRoute('/v1/orders/{id}/delivered', 'Mark the order delivered', 'vendor', EmptySchema),
  actionRoute(
    '/v1/orders/{id}/cancel',
    'Cancel before shipment (the vendor only before the supplier order)',
    'platform or vendor',
    ReasonSchema,
  ),
  actionRoute(
    '/v1/orders/{id}/shipping-address',
    "Change the customer's shipping address before the supplier order (or, without dropship lines, before shipping); the vendor is emailed it, and the supplier order's ship-to must match it",
    'platform',
    ShippingAddressChangeSchema,
  ),
  actionRoute(
    '/v1/orders/{id}/customer-email',
    "Change the customer's email while the order runs (a typo at checkout, an address that bounced: the timeline's `email.refused`). The customer's next emails go to it, and those the SMTP server refused so far are sent again to it within about a minute, unless the order has moved past them; `customer_email.changed` goes on the timeline. The same address again changes nothing",
    'platform',
    CustomerEmailChangeSchema,
  ),
  actionRoute(
    '/v1/orders/{id}/dispute',
    'Open a dispute on a delivered order (pauses the release) or on a shipped one the customer says never arrived (resolved for the customer, it is refunded)',
    'platform',
    ReasonSchema,
  ),
  actionRoute(
    '/v1/orders/{id}/dispute/resolve',
    'Resolve the dispute for the vendor or the customer',
    'platform',
    ResolveDisputeSchema,
  ),
  {
    method: 'post',
    path: '/v1/orders/{id}/chargeback',
    summary:
      "Charge back a COMPLETED order (the customer's payment was reversed after its earnings were released): the earnings are taken back from the vendor's available balance, which may go below zero, `earnings.charged_back` goes on the timeline and the vendor is emailed. A DELIVERED order takes a dispute instead. An order charged back already is answered as it is",
    who: 'platform',
    body: ReasonSchema,
    success: { status: 200, description: 'The order', schema: 'OrderResponse' },
    errors: [400, 401, 403, 404, 409, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/events',
    summary:
      'The change feed: every order event in commit order, for the storefront to follow status changes. Keep `nextCursor` and read again with it; an event is never skipped or repeated after a cursor',
    who: 'platform',
    query: ChangeFeedQuerySchema,
    success: { status: 200, description: '{ events, nextCursor, hasMore }', schema: 'ChangeFeedResponse' },
    errors: [401, 403, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/ops/webhook-stats',
    summary: 'Counters of accepted and refused 17TRACK pushes',
    who: 'platform',
    success: { status: 200, description: 'Counters' },
    errors: [401, 403, 429],
  },
  {
    method: 'post',
    path: '/v1/webhooks/17track',
    summary: '17TRACK push (header `sign` = sha256(raw body + "/" + key))',
    who: '17TRACK signature',
    success: { status: 200, description: 'Accepted, ignored (a number of no order) or a duplicate (already received)' },
    errors: [400, 401, 503],
  },
];

function jsonSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

function queryParameters(query: z.ZodObject) {
  return Object.entries(query.shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchema(schema as z.ZodType),
  }));
}

/** The OpenAPI 3.1 document of the API. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const needsToken = route.who !== 'public' && route.who !== '17TRACK signature';
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(route.query ? queryParameters(route.query) : []),
      ...(route.method === 'post' && needsToken
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Replays the first response for a retried request',
              schema: { type: 'string', maxLength: 255 },
            },
          ]
        : []),
    ];
    const responses: Record<string, unknown> = {
      [route.success.status]: {
        description: route.success.description,
        ...(route.success.serverTiming && {
          headers: {
            'Server-Timing': {
              description: `Where the time went, in ms: ${route.success.serverTiming}`,
              schema: { type: 'string' },
            },
          },
        }),
        ...(route.success.schema && {
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.success.schema}` } } },
        }),
      },
    };
    for (const status of route.errors) {
      responses[status] = {
        description: 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      summary: route.summary,
      description: `Who may call it: ${route.who}.`,
      ...(needsToken ? { security: [{ bearer: [] }] } : { security: [] }),
      ...(parameters.length > 0 && { parameters }),
      ...(route.body && {
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } },
      }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dropship-fulfillment',
      version: '1',
      description: 'Dropshipping order fulfillment on Temporal. Money is integer minor units plus an ISO currency.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The platform token or a vendor token' },
      },
      schemas: {
        Error: jsonSchema(ErrorSchema),
        Money: jsonSchema(MoneySchema),
        Address: jsonSchema(AddressSchema),
        OrderResponse: jsonSchema(z.object({ order: OrderSchema })),
        ChangeFeedResponse: jsonSchema(ChangeFeedSchema),
        OrderEmailsResponse: jsonSchema(OrderEmailsSchema),
        EarningsResponse: jsonSchema(EarningsSchema),
        PayoutResponse: jsonSchema(PayoutResponseSchema),
        PayoutListResponse: jsonSchema(PayoutListSchema),
        PayoutsDueResponse: jsonSchema(PayoutsDueSchema),
        VendorsOwingResponse: jsonSchema(VendorsOwingSchema),
        OrderListResponse: jsonSchema(OrderListSchema),
        OrderCountsResponse: jsonSchema(OrderCountsSchema),
        VendorResponse: jsonSchema(z.object({ vendor: VendorSchema })),
        VendorListResponse: jsonSchema(VendorListSchema),
        VendorWithTokenResponse: jsonSchema(VendorWithTokenSchema),
      },
    },
    paths,
  };
}

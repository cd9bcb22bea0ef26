/** An error the API answers with `{ error: { code, message, details } }` and `status` (PRODUCT §6). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 404 for an order that does not exist or belongs to another vendor: the two must look the same. */
export function orderNotFound(orderId: string): HttpError {
  return new HttpError(404, 'ORDER_NOT_FOUND', `No order ${orderId}`);
}

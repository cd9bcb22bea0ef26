// The one place errors become HTTP answers: domain errors, zod errors, Temporal update rejections and
// infrastructure faults, always in the PRODUCT §6 shape and never with a stack trace.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { HttpError } from './httpError';
import { isInfrastructureDown } from '../infrastructureDown';

/** HTTP statuses of the typed failures the order workflow and its activities raise. */
const FAILURE_STATUS: Record<string, number> = {
  INVALID_STATE: 409,
  ADDRESS_MISMATCH: 422,
  TRACKING_REJECTED: 422,
  TRACKING_NUMBER_IN_USE: 409,
  TRACKING_UNAVAILABLE: 503,
};

function fromZod(error: ZodError): HttpError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  return new HttpError(
    422,
    'VALIDATION_FAILED',
    first ? `${first.path || 'body'}: ${first.message}` : 'Invalid request',
    { issues },
  );
}

/**
 * How Temporal's workflow SDK rejects an update its workflow has no handler for: during a rolling deploy, a new API
 * asking a worker that still runs the old code for a new action. (test/integration/workerOutage.test.ts pins the words.)
 */
const NO_UPDATE_HANDLER = /^No registered handler for update: (.+)$/;

function fromUpdateFailure(error: WorkflowUpdateFailedError): HttpError | undefined {
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const unknownAction = NO_UPDATE_HANDLER.exec(cause.message);
  if (unknownAction) {
    return new HttpError(
      503,
      'ACTION_NOT_DEPLOYED',
      "The order's worker does not know this action yet (a deploy is not finished). Nothing changed: retry once every worker runs the new version",
      { action: unknownAction[1] },
    );
  }
  if (!cause.type || !(cause.type in FAILURE_STATUS)) return undefined;
  const details = (cause.details?.[0] ?? {}) as Record<string, unknown>;
  return new HttpError(FAILURE_STATUS[cause.type]!, cause.type, cause.message, details);
}

/** Converts any thrown error into the API's error body. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ZodError) return fromZod(error);
  if (error instanceof WorkflowUpdateFailedError) {
    const mapped = fromUpdateFailure(error);
    if (mapped) return mapped;
  }
  const body = error as { type?: string; status?: number; statusCode?: number };
  if (body?.type === 'entity.parse.failed')
    return new HttpError(400, 'INVALID_JSON', 'The request body is not valid JSON');
  if (body?.type === 'entity.too.large')
    return new HttpError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (body?.type === 'encoding.unsupported' || body?.type === 'charset.unsupported') {
    return new HttpError(415, 'UNSUPPORTED_ENCODING', 'The request body encoding is not supported');
  }
  if (isInfrastructureDown(error)) {
    return new HttpError(
      503,
      'SERVICE_UNAVAILABLE',
      'A backing service (database or Temporal) is unavailable; retry shortly',
    );
  }
  return new HttpError(500, 'INTERNAL', 'Something went wrong on our side');
}

/** Express error middleware: logs real faults, answers every error in the PRODUCT §6 shape. */
export function errorMiddleware(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const httpError = toHttpError(error);
    if (httpError.status >= 500) log(`request failed with ${httpError.status}`, error);
    if (httpError.status === 503) res.setHeader('Retry-After', '5');
    res
      .status(httpError.status)
      .json({ error: { code: httpError.code, message: httpError.message, details: httpError.details } });
  };
}

/**
 * The one error → HTTP mapping. Body: `{ error: { code, message, details?, requestId } }`.
 * Unknown errors are logged and answer 500 without internals; database outages answer 503.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, errorStatus, isAppError, isConnectionError, sqlState } from '@/lib/errors';
import type { Logger } from '@/lib/logger';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId: string };
}

export function errorBody(code: ErrorCode, message: string, requestId: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId } };
}

export function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(errorStatus) as [ErrorCode, number][]).find(([, s]) => s === status);
  if (found) return found[0];
  return status >= 500 ? 'INTERNAL' : 'VALIDATION';
}

export function toErrorResponse(err: unknown, requestId: string, log: Logger): { status: ContentfulStatusCode; body: ErrorBody } {
  if (isAppError(err)) {
    return { status: err.status as ContentfulStatusCode, body: errorBody(err.code, err.message, requestId, err.details) };
  }
  if (err instanceof HTTPException) {
    const code = codeForStatus(err.status);
    return { status: err.status, body: errorBody(code, err.message || 'Bad request.', requestId) };
  }
  if (isConnectionError(err)) {
    log.warn({ err }, 'database unavailable');
    return { status: 503, body: errorBody('UNAVAILABLE', 'The service is temporarily unavailable. Try again shortly.', requestId) };
  }
  const state = sqlState(err);
  if (state === '40P01' || state === '40001' || state === '55P03') {
    return { status: 409, body: errorBody('CONFLICT', 'The request collided with another change; try again.', requestId) };
  }
  if (state === '57014') {
    log.warn({ err }, 'statement timeout');
    return { status: 503, body: errorBody('UNAVAILABLE', 'The request took too long; try again shortly.', requestId) };
  }
  if (state?.startsWith('22')) {
    // A value the input schema let through but PostgreSQL refused: a validation gap, never a 500.
    log.warn({ err }, 'database rejected a value');
    return { status: 400, body: errorBody('VALIDATION', 'A value in the request is not valid.', requestId) };
  }
  log.error({ err }, 'unhandled error');
  return { status: 500, body: errorBody('INTERNAL', 'Something went wrong on our side. Try again, or contact support with the request id.', requestId) };
}

export function respondError(c: Context, err: unknown, requestId: string, log: Logger) {
  const { status, body } = toErrorResponse(err, requestId, log);
  return c.json(body, status);
}

/**
 * The AppError family: a fixed set of codes, each with one HTTP status. Use cases throw these;
 * the API maps them in one place (src/api/errors.ts). Anything else is a bug and answers 500.
 */

export const errorStatus = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  RULE_VIOLATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const validationError = (message: string, details?: unknown) => new AppError('VALIDATION', message, details);
export const unauthenticated = (message = 'Sign in to continue.') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You do not have permission to do this.', details?: unknown) =>
  new AppError('FORBIDDEN', message, details);
export const notFound = (what = 'Resource') => new AppError('NOT_FOUND', `${what} not found.`);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);
export const ruleViolation = (message: string, details?: unknown) => new AppError('RULE_VIOLATION', message, details);
/** Something that existed and no longer works, such as an expired or replaced link. */
export const gone = (message: string, details?: unknown) => new AppError('GONE', message, details);
export const MAX_BODY_BYTES = 64 * 1024;
export const payloadTooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** PostgreSQL SQLSTATE of a driver error; Drizzle wraps it, so look at `cause` too. */
export function sqlState(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Connection-level failures: the database is down or unreachable, not the request's fault. */
export function isConnectionError(err: unknown): boolean {
  const state = sqlState(err);
  if (state && (state.startsWith('08') || state === '57P01' || state === '57P03' || state === '53300')) return true;
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) {
      return true;
    }
    const message = (e as { message?: unknown }).message;
    // "not queryable": a transaction whose connection died mid-way fails again on its rollback,
    // and that error is the one that surfaces.
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|is not queryable/i.test(message)) {
      return true;
    }
  }
  return false;
}

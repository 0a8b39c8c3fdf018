/**
 * Browser → /api calls for client components. Every outcome, including a dropped
 * connection or a non-JSON answer, comes back as a value so forms can show it and keep input.
 */

export interface FieldErrors {
  [path: string]: string;
}

export interface ApiFailure {
  ok: false;
  /** 0 when the request never got an answer. */
  status: number;
  code: string;
  message: string;
  details?: unknown;
  /** First message per field, from `details.fields` (400) or `details.field` (409). */
  fields: FieldErrors;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

const NETWORK_MESSAGE = 'Could not reach Bookline. Check your connection and try again.';

interface ErrorEnvelope {
  error?: { code?: string; message?: string; details?: unknown };
}

function fieldErrors(details: unknown, message: string): FieldErrors {
  const out: FieldErrors = {};
  if (!details || typeof details !== 'object') return out;
  const d = details as { fields?: unknown; field?: unknown };
  if (Array.isArray(d.fields)) {
    for (const f of d.fields as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof f?.path === 'string' && typeof f.message === 'string' && !(f.path in out)) out[f.path] = f.message;
    }
  }
  if (typeof d.field === 'string' && !(d.field in out)) out[d.field] = message;
  return out;
}

export interface RequestOptions {
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function postJson<T>(url: string, body: unknown, options: RequestOptions = {}): Promise<ApiResult<T>> {
  return send<T>(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    signal: options.signal,
  });
}

/** GET with the same outcome shape as postJson; an aborted request answers code `ABORTED`. */
export async function getJson<T>(url: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  return send<T>(url, {
    method: 'GET',
    headers: { Accept: 'application/json', ...options.headers },
    credentials: 'same-origin',
    signal: options.signal,
  });
}

async function send<T>(url: string, init: RequestInit): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    if (init.signal?.aborted) return { ok: false, status: 0, code: 'ABORTED', message: 'The request was cancelled.', fields: {} };
    return { ok: false, status: 0, code: 'NETWORK', message: NETWORK_MESSAGE, fields: {} };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // empty or non-JSON body: the status decides
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error = (json as ErrorEnvelope | null)?.error;
  const message =
    error?.message ||
    (res.status >= 500 ? 'Something went wrong on our side. Try again in a moment.' : `The request failed (HTTP ${res.status}).`);
  return {
    ok: false,
    status: res.status,
    code: error?.code ?? 'UNKNOWN',
    message,
    details: error?.details,
    fields: fieldErrors(error?.details, message),
  };
}

/** Zod messages read "must be …"; shown under a labelled field they need a capital letter. */
export function sentence(message: string): string {
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

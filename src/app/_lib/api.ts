/**
 * The one way pages call the API (decision 0006): Hono's typed client over the declared routes,
 * so a request's params, query and body and the answer's type come from the route declaration
 * (and its DTO schema), and every outcome — a dropped connection included — comes back as a
 * value: `{ ok: true, data }` or `{ ok: false, error }` with the envelope typed by code.
 *
 *   const result = await call(api.orgs[':slug'].members.$get({ param: { slug }, query: { page: '2' } }));
 *   if (result.ok) result.data.data[0].email; else result.error.message;
 *
 * Better Auth's own endpoints (/api/auth/*) are not part of the contract: `callAuth` gives them
 * the same outcome shape.
 */
import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { ApiRoutes } from '@/api/contract';
import type { ErrorCode } from '@/lib/errors';

export const api = hc<ApiRoutes>('/api/v1', {
  headers: { Accept: 'application/json' },
  init: { credentials: 'same-origin' },
});

/** Field path (as the API names it, e.g. `customer.email`) → first message. */
export interface FieldErrors {
  [path: string]: string;
}

export interface ApiError {
  /** The envelope's code; `NETWORK` when no answer came, `ABORTED` when the caller cancelled. */
  code: ErrorCode | 'NETWORK' | 'ABORTED' | 'UNKNOWN';
  message: string;
  details?: unknown;
  requestId?: string;
}

export interface ApiFailure {
  ok: false;
  /** 0 when the request never got an answer. */
  status: number;
  error: ApiError;
  /** First message per field, from `details.fields` (400) or `details.field` (409). */
  fields: FieldErrors;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

/** The body type of a client response's success statuses. */
export type SuccessOf<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

const NETWORK_MESSAGE = 'Could not reach Bookline. Check your connection and try again.';

/** Awaits a typed client request and turns every outcome into an `ApiResult`. */
export async function call<R extends ClientResponse<unknown, number, 'json' | 'text' | string>>(request: Promise<R>, signal?: AbortSignal): Promise<ApiResult<SuccessOf<R>>> {
  let res: Response;
  try {
    res = (await request) as unknown as Response;
  } catch {
    if (signal?.aborted) return failure(0, { code: 'ABORTED', message: 'The request was cancelled.' });
    return failure(0, { code: 'NETWORK', message: NETWORK_MESSAGE });
  }
  return outcome<SuccessOf<R>>(res);
}

/** A file the API answered (an export): its bytes and the name the server gave it. */
export interface DownloadedFile {
  ok: true;
  blob: Blob;
  filename: string;
}

/**
 * A file download through the typed client (the exports): the same request declaration and
 * failure shape as `call`, but a success is the file, not JSON. The file is held in the
 * browser's memory (a Blob, which browsers page to disk when large) so that a failure can be
 * shown on the page instead of as a raw JSON page; the server still streams it.
 */
export async function download<R extends ClientResponse<unknown, number, string>>(request: Promise<R>, fallbackName: string, signal?: AbortSignal): Promise<DownloadedFile | ApiFailure> {
  let res: Response;
  try {
    res = (await request) as unknown as Response;
    if (res.ok) {
      const disposition = res.headers.get('content-disposition') ?? '';
      const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
      return { ok: true, blob: await res.blob(), filename };
    }
  } catch {
    if (signal?.aborted) return failure(0, { code: 'ABORTED', message: 'The request was cancelled.' });
    return failure(0, { code: 'NETWORK', message: NETWORK_MESSAGE });
  }
  return outcome<never>(res) as Promise<ApiFailure>;
}

/** The same outcome shape for Better Auth's endpoints (sign-in, sign-up, two-factor…). */
export async function callAuth<T>(path: `/api/auth/${string}`, body?: unknown, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    // The caller's headers (e.g. a sign-in challenge's answer) add to the JSON ones, never replace them.
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    res = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      ...init,
      headers,
    });
  } catch {
    if (init.signal?.aborted) return failure(0, { code: 'ABORTED', message: 'The request was cancelled.' });
    return failure(0, { code: 'NETWORK', message: NETWORK_MESSAGE });
  }
  return outcome<T>(res);
}

async function outcome<T>(res: Response): Promise<ApiResult<T>> {
  let json: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: the status decides
    }
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const envelope = (json as { error?: Partial<ApiError> } | null)?.error;
  if (res.status === 401) signInAfterIdle(envelope?.details);
  const message =
    envelope?.message ||
    (res.status >= 500 ? 'Something went wrong on our side. Try again in a moment.' : `The request failed (HTTP ${res.status}).`);
  return failure(res.status, { code: (envelope?.code as ApiError['code']) ?? 'UNKNOWN', message, details: envelope?.details, requestId: envelope?.requestId });
}

/**
 * The staff idle timeout ended the session (401 `details.reason: 'session_idle'`, see
 * modules/identity/session-idle.ts): the page goes to sign-in, which says why, and comes back.
 */
function signInAfterIdle(details: unknown): void {
  const d = details as { reason?: unknown; minutes?: unknown } | null | undefined;
  if (typeof window === 'undefined' || d?.reason !== 'session_idle') return;
  const minutes = typeof d.minutes === 'number' ? `&idle=${d.minutes}` : '';
  window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}${minutes}`);
}

function failure(status: number, error: ApiError): ApiFailure {
  return { ok: false, status, error, fields: fieldErrors(error.details, error.message) };
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

/**
 * What to tell the person when a request failed: the cases with nothing specific to say get a
 * sentence in their language; the rest keep the API's own explanation (it names the rule).
 */
export function failureMessage(result: ApiFailure, t: (key: 'network' | 'server' | 'forbidden' | 'signedOut' | 'notFound' | 'rateLimited') => string): string {
  if (result.status === 0) return t('network');
  if (result.status === 401) return t('signedOut');
  if (result.status === 403) return t('forbidden');
  if (result.status === 404) return t('notFound');
  if (result.status === 429) return t('rateLimited');
  if (result.status >= 500) return t('server');
  return result.error.message;
}

/** Zod messages read "must be …"; shown under a labelled field they need a capital letter. */
export function sentence(message: string): string {
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

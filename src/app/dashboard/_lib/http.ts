/**
 * PATCH next to the shared postJson / getJson, with the same contract: every outcome, a dropped
 * connection included, comes back as a value (see _lib/api-client.ts).
 */
import { type ApiFailure, type ApiResult, type FieldErrors, getJson, postJson } from '../../_lib/api-client';

export { getJson, postJson, type ApiFailure, type ApiResult, type FieldErrors };

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

export async function patchJson<T>(url: string, body: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', message: 'Could not reach Bookline.', fields: {} };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // empty or non-JSON body: the status decides
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error = (json as ErrorEnvelope | null)?.error;
  const message = error?.message || `The request failed (HTTP ${res.status}).`;
  return { ok: false, status: res.status, code: error?.code ?? 'UNKNOWN', message, details: error?.details, fields: fieldErrors(error?.details, message) };
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
  return result.message;
}

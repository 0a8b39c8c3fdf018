/**
 * PUT and DELETE next to the shared postJson / patchJson, with the same contract: every outcome
 * comes back as a value, `fields` keyed by the API's paths.
 */
import type { ApiResult, FieldErrors } from '../../../../_lib/api-client';

async function send<T>(method: 'PUT' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', message: 'Could not reach Bookline.', fields: {} };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // empty (204) or non-JSON body: the status decides
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error = (json as { error?: { code?: string; message?: string; details?: { fields?: Array<{ path?: unknown; message?: unknown }> } } } | null)?.error;
  const fields: FieldErrors = {};
  for (const f of error?.details?.fields ?? []) {
    if (typeof f.path === 'string' && typeof f.message === 'string' && !(f.path in fields)) fields[f.path] = f.message;
  }
  return { ok: false, status: res.status, code: error?.code ?? 'UNKNOWN', message: error?.message || `The request failed (HTTP ${res.status}).`, details: error?.details, fields };
}

export const putJson = <T>(url: string, body: unknown) => send<T>('PUT', url, body);
export const deleteJson = <T>(url: string) => send<T>('DELETE', url);

import type { ApiResult } from '../../_lib/http';

/** DELETE with the outcome shape of postJson / patchJson (a 204 answers `data: null`). */
export async function deleteRequest(url: string): Promise<ApiResult<null>> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'DELETE', headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', message: 'Could not reach Bookline.', fields: {} };
  }
  if (res.ok) return { ok: true, status: res.status, data: null };
  let json: { error?: { code?: string; message?: string; details?: unknown } } | null = null;
  try {
    json = await res.json();
  } catch {
    // no body: the status decides
  }
  const message = json?.error?.message || `The request failed (HTTP ${res.status}).`;
  return { ok: false, status: res.status, code: json?.error?.code ?? 'UNKNOWN', message, details: json?.error?.details, fields: {} };
}

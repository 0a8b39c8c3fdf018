/**
 * Requests as they arrive over a real socket: the app reads the client address through
 * getConnInfo, which under `app.request()` finds the node server's `incoming` in the env we
 * pass as the third argument (the same place @hono/node-server puts it).
 */
import { randomBytes } from 'node:crypto';
import { env } from '@/lib/env';
import type { Harness } from './harness';
import { readResponse } from './factories';

export interface SweepRequest {
  method?: string;
  path: string;
  body?: unknown;
  /** Raw body text (sent as JSON content type); wins over `body`. */
  rawBody?: string;
  cookie?: string;
  headers?: Record<string, string>;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export interface SweepResponse {
  status: number;
  text: string;
  json: any;
  headers: Headers;
  requestId: string;
}

export const newRequestId = () => `req_sweep_${randomBytes(8).toString('hex')}`;

/** A documentation address (RFC 5737 TEST-NET-3), different per call unless given. */
export const testIp = () => `203.0.113.${1 + (randomBytes(1)[0]! % 254)}`;

export async function send(h: Harness, req: SweepRequest): Promise<SweepResponse> {
  const requestId = req.requestId ?? newRequestId();
  const headers: Record<string, string> = { origin: env().BASE_URL, 'x-request-id': requestId, ...req.headers };
  if (req.cookie) headers.cookie = req.cookie;
  if (req.userAgent) headers['user-agent'] = req.userAgent;
  const text = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
  if (text !== undefined) headers['content-type'] ??= 'application/json';
  const method = req.method ?? (text === undefined ? 'GET' : 'POST');
  const incoming = { socket: { remoteAddress: req.ip ?? '203.0.113.1', remotePort: 40000, remoteFamily: 'IPv4' } };
  const res = await h.app.request(req.path, { method, headers, body: text }, { incoming });
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    // A live stream does not end: its first frame is the answer, then the client hangs up.
    const reader = res.body!.getReader();
    const first = await reader.read();
    await reader.cancel();
    return { status: res.status, text: new TextDecoder().decode(first.value), json: null, headers: res.headers, requestId };
  }
  return { ...(await readResponse(res)), requestId };
}

export const isEnvelope = (json: any) =>
  !!json &&
  typeof json === 'object' &&
  !!json.error &&
  typeof json.error.code === 'string' &&
  typeof json.error.message === 'string' &&
  typeof json.error.requestId === 'string';

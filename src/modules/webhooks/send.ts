/**
 * One HTTP attempt, with no database work: the caller holds no transaction while it runs.
 * The connection goes to the address that passed the SSRF check (a custom `lookup` pins it;
 * TLS still verifies the certificate against the host name). Redirects are not followed (a
 * 3xx is a failure), the answer's body is read to at most 4 KiB, and the whole exchange is cut
 * at the timeout.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './address-policy';

export interface AttemptResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  ok: boolean;
}

const MAX_RESPONSE_BYTES = 4096;

export function postSigned(url: URL, pinned: ResolvedAddress, headers: Record<string, string>, body: string, timeoutMs: number): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'latencyMs' | 'ok'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ok = result.error === null && result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      resolve({ ...result, latencyMs: elapsed(), ok });
    };
    const req = client.request(url, {
      method: 'POST',
      lookup,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Bookline-Webhooks/1' },
      agent: false,
    });
    const timer = setTimeout(() => {
      finish({ statusCode: null, error: `timed out after ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('response', (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      const done = () => {
        const code = res.statusCode ?? null;
        finish({ statusCode: code, error: code !== null && code >= 200 && code < 300 ? null : `answered HTTP ${code}` });
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.on('error', (err) => finish({ statusCode: null, error: err.message.slice(0, 300) || 'connection failed' }));
    req.end(body);
  });
}

/**
 * The lightweight Response the server installs (src/lib/light-response.ts): answers built with
 * it reach the socket unchanged, and `instanceof` stays true both ways, so Next's checks against
 * `fetch` results and our own still hold. It changes a global, so this file runs isolated
 * (vitest.config.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLightweightResponses } from '@/lib/light-response';

const NativeRequest = globalThis.Request;
const NativeResponse = globalThis.Response;
let server: Server;
let base: string;

beforeAll(async () => {
  useLightweightResponses();
  const app = new Hono();
  app.get('/json', (c) => c.json({ ok: true, n: 1 }, 201, { 'x-extra': 'yes' }));
  app.get('/headers-after', async (c, next) => {
    await next();
    c.res.headers.set('x-after', 'set');
  });
  app.get('/headers-after', (c) => c.json({ after: true }));
  app.get('/stream', () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode('data: one\n\n'));
        controller.enqueue(encoder.encode('data: two\n\n'));
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  });
  app.get('/redirect', () => Response.redirect('http://localhost/elsewhere', 303));
  app.get('/native', () => NativeResponse.json({ native: true }));
  server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('lightweight responses', () => {
  it('installs Response only: Request stays the native class', () => {
    expect(globalThis.Response).not.toBe(NativeResponse);
    expect(globalThis.Request).toBe(NativeRequest);
    useLightweightResponses(); // twice is once
    expect(globalThis.Request).toBe(NativeRequest);
  });

  it('answers JSON with its status, headers and body over a real socket', async () => {
    const res = await fetch(`${base}/json`);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-extra')).toBe('yes');
    expect(await res.json()).toEqual({ ok: true, n: 1 });
  });

  it('keeps headers a middleware sets after the handler', async () => {
    const res = await fetch(`${base}/headers-after`);
    expect(res.headers.get('x-after')).toBe('set');
    expect(await res.json()).toEqual({ after: true });
  });

  it('streams a ReadableStream body (live streams) and answers redirects and native responses', async () => {
    const stream = await fetch(`${base}/stream`);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(await stream.text()).toBe('data: one\n\ndata: two\n\n');
    const redirect = await fetch(`${base}/redirect`, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe('http://localhost/elsewhere');
    expect(await (await fetch(`${base}/native`)).json()).toEqual({ native: true });
  });

  it('keeps instanceof true both ways, and ordinary for subclasses', async () => {
    const light = new Response('{"a":1}', { headers: { 'content-type': 'application/json' } });
    expect(light).toBeInstanceOf(NativeResponse);
    expect(light).toBeInstanceOf(Response);
    expect(await light.json()).toEqual({ a: 1 });
    const fromFetch = await fetch(`${base}/json`);
    expect(fromFetch).toBeInstanceOf(Response);
    expect(NativeResponse.json({})).toBeInstanceOf(Response);
    class Sub extends Response {}
    expect(new Sub('x')).toBeInstanceOf(Sub);
    expect(new Sub('x')).toBeInstanceOf(Response);
    expect(light).not.toBeInstanceOf(Sub);
    expect(fromFetch).not.toBeInstanceOf(Sub);
    expect({ status: 200 }).not.toBeInstanceOf(Response);
  });
});

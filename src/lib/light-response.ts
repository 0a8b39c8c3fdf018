/**
 * Hono's lightweight `Response` for the answers this process builds (#17, docs/performance.md).
 *
 * A web `Response` from Node's undici wraps its body in a `ReadableStream` (and marks it
 * transferable); the node server then reads that stream back to write the socket. For a JSON
 * answer that is most of the work after the socket write itself: on `GET /api/v1/health`,
 * building the undici `Response` and reading it back were ~20% of the process's samples.
 * @hono/node-server's lightweight `Response` keeps the status, headers and string body as
 * they are and writes them directly; it makes the undici object only if something reads the
 * body as a stream.
 *
 * @hono/node-server installs it process-wide (with its own `Request`) unless asked not to. We
 * share the process with Next, so we install only `Response` and keep `instanceof` honest
 * both ways:
 * - a lightweight response is an `instanceof` the native class (its prototype chain says so);
 * - a native one (from `fetch`, `Response.json`, a library that kept the native class) is an
 *   `instanceof` the installed class too (Symbol.hasInstance below), so code that checks
 *   `x instanceof Response` against a `fetch` result, as Next's does, still sees a Response;
 * - subclasses (`class NextResponse extends Response`) keep the ordinary `instanceof`.
 * `Request` stays native: Better Auth and our own code build requests with it.
 */
import { getRequestListener } from '@hono/node-server';

const INSTALLED = Symbol.for('bookline.lightResponse');

export function useLightweightResponses(): void {
  const g = globalThis as typeof globalThis & { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  const NativeRequest = globalThis.Request;
  const NativeResponse = globalThis.Response;
  // The only public way to reach the class: the listener installs both globals when built.
  getRequestListener(() => new NativeResponse(null), { overrideGlobalObjects: true });
  const Light = globalThis.Response;
  Object.defineProperty(globalThis, 'Request', { value: NativeRequest, writable: true, configurable: true, enumerable: false });
  if (Light === NativeResponse) return;
  Object.defineProperty(Light, Symbol.hasInstance, {
    value(this: unknown, value: unknown): boolean {
      return this === Light ? value instanceof NativeResponse : Function.prototype[Symbol.hasInstance].call(this, value);
    },
  });
  g[INSTALLED] = true;
}

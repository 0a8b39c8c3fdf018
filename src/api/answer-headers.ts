/**
 * Headers every answer to a request carries whatever produced it (the security headers, the
 * request id, the RateLimit-* fields), set where they cost least.
 *
 * Under the node server (@hono/node-server passes `{ incoming, outgoing }` as the app's env)
 * they go straight onto the socket's `ServerResponse` with `setHeader`: node merges them with
 * the headers of the Response the app returns when it writes the head, and the Response's own
 * win where both name a field (the API reference's page brings its own CSP). No `Headers`
 * object is built or copied per answer, and the app's JSON answers keep the plain header
 * record the node server writes without conversion: the health route spent ~10% of its time
 * in undici's `Headers` doing this on the Response (docs/performance.md, "Third pass").
 *
 * In process (`app.request()` in tests, or any other host) there is no socket: the caller sets
 * them on the Response instead, after the handler, as before.
 */
import { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** The socket's response when the node server runs the app and has not written the head yet. */
export function socketResponse(c: Context): ServerResponse | null {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse && !outgoing.headersSent ? outgoing : null;
}

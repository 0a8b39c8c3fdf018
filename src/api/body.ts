import type { Context } from 'hono';
import { MAX_BODY_BYTES, payloadTooLarge, validationError } from '@/lib/errors';

/** The JSON body, or a 400 saying why it could not be read. Never a 500. */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw validationError('Send the body as JSON with Content-Type: application/json.');
  }
  // A declared length was checked up front; a chunked body is measured here.
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw payloadTooLarge();
  if (text.trim() === '') throw validationError('The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationError('The request body is not valid JSON.');
  }
}

/** Query string as a plain object (last value wins), for zod parsing in the use case. */
export function queryObject(c: Context): Record<string, string> {
  return c.req.query();
}

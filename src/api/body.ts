import type { Context } from 'hono';
import { MAX_BODY_BYTES, payloadTooLarge, validationError } from '@/lib/errors';

// The media types the route validator accepts as JSON (the same test as @hono/zod-openapi's
// gate), so a body we read is always one the validator will parse.
const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/**
 * Reads the JSON body with our rules, or throws a 400 saying why it could not be read. Never a
 * 500. The text stays in Hono's body cache, where the route's validator parses it again.
 */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
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

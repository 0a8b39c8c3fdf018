import { validationError } from '@/lib/errors';
import { checkEndpointUrl, UnsafeUrlError } from './address-policy';
import type { WebhookSettings } from './settings';

/** The SSRF check when an endpoint is saved, as a 400 on `url`. Runs before any transaction (it may resolve a name). */
export async function assertSafeUrl(url: string, settings: WebhookSettings): Promise<void> {
  try {
    await checkEndpointUrl(url, settings);
  } catch (err) {
    if (!(err instanceof UnsafeUrlError)) throw err;
    throw validationError(`Invalid webhook endpoint: url ${err.message}`, { fields: [{ path: 'url', message: err.message }], reason: 'UNSAFE_URL' });
  }
}

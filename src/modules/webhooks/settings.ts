import { env } from '@/lib/env';
import type { Resolver } from './address-policy';

export interface WebhookSettings {
  /** Endpoints on loopback/private/link-local/unique-local addresses are allowed (development, tests). */
  allowPrivate: boolean;
  /** An attempt that has not been answered in this long fails. */
  timeoutMs: number;
  /** Consecutive failed attempts that disable an endpoint. */
  disableAfter: number;
  /** Name resolution (default: the system resolver); tests pass their own answers. */
  resolve?: Resolver;
}

export function webhookSettingsFromEnv(): WebhookSettings {
  const e = env();
  return { allowPrivate: e.WEBHOOKS_ALLOW_PRIVATE, timeoutMs: e.WEBHOOKS_TIMEOUT_MS, disableAfter: e.WEBHOOKS_DISABLE_AFTER_FAILURES };
}

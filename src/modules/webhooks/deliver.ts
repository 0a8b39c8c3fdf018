/**
 * The webhook worker: claim → commit → send → record. Due deliveries are claimed in a short
 * transaction (SKIP LOCKED, so several app instances share the work, and a lease pushes their
 * next attempt past the timeout so no other instance takes them meanwhile); the HTTP requests
 * run with no transaction open (embedded PGlite has one connection, and a hanging endpoint
 * must never hold a database lock); each result is recorded in its own short transaction:
 * the attempt log, the next attempt (backoff), and the endpoint's consecutive failures, which
 * disable it at the threshold and tell its owners through the outbox (`email.webhook_disabled`).
 * Delivery is at least once: receivers deduplicate on `webhook-id`.
 */
import { and, asc, eq, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type WebhookAttempt, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { type Ctx, noRequest, outboxInsert, recordAudit } from '@/modules/kernel';
import { parseEndpointUrl, resolveEndpoint, UnsafeUrlError } from './address-policy';
import { MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, TEST_EVENT_TYPE } from './events';
import { type AttemptResult, postSigned } from './send';
import type { WebhookSettings } from './settings';
import { signedHeaders } from './signing';

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type EndpointRow = typeof webhookEndpoints.$inferSelect;

export interface DeliverOptions {
  settings: WebhookSettings;
  limit?: number;
  /** Only one organization's deliveries (tests that share a database deliver their own only). */
  organizationId?: string;
  /** Attempts run side by side, per call. */
  concurrency?: number;
}

const systemCtx = (db: Db, now: Date): Ctx => ({ db, tenant: null, actor: { type: 'system', name: 'webhooks' }, now, request: noRequest });

/** The secrets that sign now: the current one, and the previous one while its grace period runs. */
export function signingSecrets(endpoint: Pick<EndpointRow, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, now: Date): string[] {
  const previous = endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? [endpoint.previousSecret] : [];
  return [endpoint.secret, ...previous];
}

/** One attempt: the SSRF check on the addresses the host resolves to now, then the signed POST. No database work. */
export async function attemptDelivery(endpoint: EndpointRow, delivery: Pick<DeliveryRow, 'id' | 'body'>, settings: WebhookSettings, now: Date): Promise<AttemptResult> {
  const started = performance.now();
  let pinned;
  let url: URL;
  try {
    url = parseEndpointUrl(endpoint.url);
    [pinned] = await resolveEndpoint(url, settings);
  } catch (err) {
    const message = err instanceof UnsafeUrlError ? `refused: ${err.message}` : 'refused: the address could not be checked';
    return { statusCode: null, latencyMs: Math.round(performance.now() - started), error: message, ok: false };
  }
  const headers = signedHeaders(signingSecrets(endpoint, now), delivery.id, Math.floor(now.getTime() / 1000), delivery.body);
  return postSigned(url, pinned!, headers, delivery.body, settings.timeoutMs);
}

/**
 * Records one attempt's result. Returns true when this attempt disabled the endpoint.
 * A test event is tried once and never counts toward disabling.
 */
export async function recordAttempt(db: Db, delivery: DeliveryRow, result: AttemptResult | { skipped: string }, now: Date, settings: WebhookSettings): Promise<boolean> {
  const isTest = delivery.eventType === TEST_EVENT_TYPE;
  return db.transaction(async (tx) => {
    if ('skipped' in result) {
      await tx
        .update(webhookDeliveries)
        .set({ status: 'failed', nextAttemptAt: null, lastError: result.skipped, updatedAt: now })
        .where(and(eq(webhookDeliveries.organizationId, delivery.organizationId), eq(webhookDeliveries.id, delivery.id)));
      return false;
    }
    const attempt = delivery.attempts + 1;
    const entry: WebhookAttempt = { attempt, at: now.toISOString(), statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error };
    const retry = !result.ok && !isTest && attempt < MAX_ATTEMPTS;
    const delay = RETRY_DELAYS_SECONDS[attempt - 1] ?? 0;
    await tx
      .update(webhookDeliveries)
      .set({
        status: result.ok ? 'succeeded' : retry ? 'pending' : 'failed',
        attempts: attempt,
        nextAttemptAt: retry ? new Date(now.getTime() + delay * 1000) : null,
        lastStatusCode: result.statusCode,
        lastLatencyMs: result.latencyMs,
        lastError: result.error,
        attemptLog: sql`${webhookDeliveries.attemptLog} || ${JSON.stringify([entry])}::jsonb`,
        updatedAt: now,
      })
      .where(and(eq(webhookDeliveries.organizationId, delivery.organizationId), eq(webhookDeliveries.id, delivery.id)));
    if (isTest) return false;
    const where = and(eq(webhookEndpoints.organizationId, delivery.organizationId), eq(webhookEndpoints.id, delivery.endpointId));
    if (result.ok) {
      await tx.update(webhookEndpoints).set({ consecutiveFailures: 0 }).where(and(where, sql`${webhookEndpoints.consecutiveFailures} <> 0`));
      return false;
    }
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
      .where(where)
      .returning();
    if (!endpoint || !endpoint.enabled || endpoint.consecutiveFailures < settings.disableAfter) return false;
    await tx.update(webhookEndpoints).set({ enabled: false, disabledReason: 'failures', updatedAt: now }).where(where);
    const ctx = systemCtx(db, now);
    await outboxInsert(tx, ctx, {
      organizationId: delivery.organizationId,
      topic: 'email.webhook_disabled',
      payload: { endpointId: endpoint.id, url: endpoint.url, consecutiveFailures: endpoint.consecutiveFailures, lastError: result.error, disabledAt: now.toISOString() },
    });
    await recordAudit(tx, ctx, {
      organizationId: delivery.organizationId,
      action: 'webhook_endpoint.disabled',
      entity: 'webhook_endpoint',
      entityId: endpoint.id,
      changes: { before: { enabled: true }, after: { enabled: false, disabledReason: 'failures', consecutiveFailures: endpoint.consecutiveFailures } },
    });
    return true;
  });
}

/** Claims due deliveries (and their endpoints) in one short transaction. */
async function claimDue(db: Db, now: Date, limit: number, leaseMs: number, organizationId?: string) {
  return db.transaction(async (tx) => {
    const due = tx
      .select({ organizationId: webhookDeliveries.organizationId, id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, 'pending'),
          lte(webhookDeliveries.nextAttemptAt, now),
          organizationId ? eq(webhookDeliveries.organizationId, organizationId) : undefined,
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const claimed = await tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
      // (organization_id, id): the primary key, so the claim is an index lookup (decision 0022).
      .where(sql`(${webhookDeliveries.organizationId}, ${webhookDeliveries.id}) in (${due})`)
      .returning();
    const endpointKeys = [...new Map(claimed.map((d) => [`${d.organizationId}:${d.endpointId}`, d])).values()];
    const endpoints = endpointKeys.length
      ? await tx
          .select()
          .from(webhookEndpoints)
          .where(or(...endpointKeys.map((d) => and(eq(webhookEndpoints.organizationId, d.organizationId), eq(webhookEndpoints.id, d.endpointId)))))
      : [];
    return { claimed, endpoints: new Map(endpoints.map((e) => [e.id, e])) };
  });
}

/**
 * Delivers up to `limit` due deliveries. Returns how many were handled (sent, retried or
 * failed). `now` is the clock reading of this run (tests step it through the backoff).
 */
export async function deliverWebhooks(db: Db, now: Date, opts: DeliverOptions): Promise<number> {
  const { settings, limit = 50, concurrency = 4 } = opts;
  const leaseMs = settings.timeoutMs + 60_000;
  const { claimed, endpoints } = await claimDue(db, now, limit, leaseMs, opts.organizationId);
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const delivery = claimed[next++]!;
      const endpoint = endpoints.get(delivery.endpointId);
      const result = !endpoint || !endpoint.enabled ? { skipped: 'endpoint disabled' } : await attemptDelivery(endpoint, delivery, settings, now);
      // The rest of this run's deliveries to it are not sent once it is disabled.
      if (await recordAttempt(db, delivery, result, now, settings)) endpoint!.enabled = false;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
  return claimed.length;
}

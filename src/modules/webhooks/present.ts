import type { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { iso } from '@/lib/dto';
import type { DeliveryDto, EndpointDto } from './schemas';

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export function presentEndpoint(row: EndpointRow, now: Date): EndpointDto {
  const graceRunning = row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    disabledReason: row.disabledReason === 'failures' ? 'failures' : null,
    consecutiveFailures: row.consecutiveFailures,
    previousSecretExpiresAt: graceRunning ? iso(row.previousSecretExpiresAt) : null,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function presentDelivery(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
    lastStatusCode: row.lastStatusCode,
    lastLatencyMs: row.lastLatencyMs,
    lastError: row.lastError,
    attemptLog: row.attemptLog,
    body: row.body,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

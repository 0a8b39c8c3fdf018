/** Inputs and answers of the webhooks module: one zod schema per input, shared by routes, use cases and forms. */
import { z } from 'zod';
import { isoInstant, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { plainText } from '@/lib/text';
import * as organizationSchemas from '@/modules/organizations/schemas';
import { DEFAULT_ROTATION_GRACE_HOURS, webhookEventTypes } from './events';

export { TEST_EVENT_TYPE, webhookEventTypes, type WebhookEventType } from './events';

export const MAX_URL_LENGTH = 2000;

/** The URL's form (the address it resolves to is checked by the use case, on the server). */
export const endpointUrlSchema = z
  .string({ message: 'must be text' })
  .trim()
  .min(1, 'is required')
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a URL such as https://example.com/webhooks' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: 'must start with https:// or http://' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
  });

export const eventTypesSchema = z
  .array(z.enum(webhookEventTypes), { message: 'must be a list of event types' })
  .min(1, 'choose at least one event')
  .max(webhookEventTypes.length)
  .transform((types) => [...new Set(types)]);

export const webhookEndpointIdSchema = z.string().max(64).regex(/^wep_[0-9a-z]{26}$/, 'must be a wep_… id');

export const createEndpointInput = z
  .object({
    url: endpointUrlSchema,
    description: plainText(200).optional(),
    eventTypes: eventTypesSchema,
    enabled: z.boolean().optional(),
  })
  .strict();

export const updateEndpointInput = z
  .object({
    url: endpointUrlSchema.optional(),
    description: plainText(200).optional(),
    eventTypes: eventTypesSchema.optional(),
    /** Turning an endpoint on again clears its failure count. */
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');

export const rotateSecretInput = z
  .object({
    /** How long the old secret keeps signing (0: stop at once, e.g. after a leak). */
    graceHours: z.number().int().min(0).max(168).default(DEFAULT_ROTATION_GRACE_HOURS),
  })
  .strict();

export const listEndpointsQuery = paginationQuery;
export const listDeliveriesQuery = paginationQuery.extend({
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
});

// ─── Path parameters ────────────────────────────────────────────────────────────────────────

export const endpointParams = organizationSchemas.slugParams.extend({ endpointId: webhookEndpointIdSchema });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

export const endpointDto = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    /** 'failures' when the worker turned it off after repeated failed attempts. */
    disabledReason: z.enum(['failures']).nullable(),
    consecutiveFailures: z.number().int(),
    /** While a rotation's grace period runs, the old secret also signs until this instant. */
    previousSecretExpiresAt: isoInstant.nullable(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'WebhookEndpoint' });
export type EndpointDto = z.infer<typeof endpointDto>;

/** Create and rotate answer the secret once; it is never shown again. */
export const endpointWithSecretDto = endpointDto.extend({ secret: z.string() }).meta({ id: 'WebhookEndpointWithSecret' });
export type EndpointWithSecretDto = z.infer<typeof endpointWithSecretDto>;

export const endpointPage = pageOf(endpointDto);

export const attemptDto = z.object({
  attempt: z.number().int(),
  at: isoInstant,
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const deliveryDto = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventType: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: isoInstant.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastLatencyMs: z.number().int().nullable(),
    lastError: z.string().nullable(),
    attemptLog: z.array(attemptDto),
    /** The JSON body as signed and sent. */
    body: z.string(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'WebhookDelivery' });
export type DeliveryDto = z.infer<typeof deliveryDto>;
export const deliveryPage = pageOf(deliveryDto);

export const eventTypesDto = z.object({ data: z.array(z.string()) });

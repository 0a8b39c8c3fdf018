/** Inputs and answers of the identity module (Better Auth owns its own routes under /api/auth). */
import { z } from 'zod';
import { isoInstant, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';

export const listSecurityEventsQuery = paginationQuery;

export const securityEventDto = z
  .object({
    id: z.string(),
    action: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    createdAt: isoInstant,
  })
  .meta({ id: 'SecurityEvent', description: "An event of the signed-in user's own account (sign-in, failure, password or two-factor change)." });
export type SecurityEventDto = z.infer<typeof securityEventDto>;
export const securityEventPage = pageOf(securityEventDto);

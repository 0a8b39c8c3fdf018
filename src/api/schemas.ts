/** Schemas of the API itself (not of a module): the error envelope and the system routes' answers. */
import { z } from 'zod';
import { errorStatus } from '@/lib/errors';

/** The error envelope every non-2xx JSON answer has. */
export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]]),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error', description: 'The one error envelope: a code from a fixed set, a message for people, optional details (e.g. `fields` on 400, `alternatives` on 409).' });

export const healthDto = z.object({ status: z.literal('ok') });
export const readyDto = z.object({
  status: z.literal('ok'),
  database: z.literal('ok'),
  /** Only with DATABASE_READ_URL: whether the read replica answers. Readiness does not wait on it. */
  replica: z.enum(['ok', 'unavailable']).optional(),
});
export const metricsText = z.string().meta({ description: 'Prometheus text exposition format' });
export const openApiDocumentDto = z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document' });

/** An ALTCHA challenge (altcha-lib v2): the parameters to solve, signed. */
export const publicChallengeDto = z
  .object({
    parameters: z
      .looseObject({
        algorithm: z.string(),
        nonce: z.string(),
        salt: z.string(),
        keyPrefix: z.string(),
        expiresAt: z.number().optional(),
        data: z.record(z.string(), z.unknown()).optional(),
      })
      .meta({ description: "altcha-lib's challenge parameters (cost, key length and the expected key's signature too)" }),
    signature: z.string(),
  })
  .meta({ id: 'PublicChallenge', description: "A proof-of-work challenge for an organization's public forms (solve it with ALTCHA)." });

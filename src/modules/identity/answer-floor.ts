/**
 * A constant-time floor for the answers that must not tell who has an account. Better Auth
 * answers a reset request for a known and an unknown address with the same status and body,
 * but the known path writes two rows (the token, our outbox message) where the unknown one
 * reads one: measured in-process, a median 15.3 ms against 12.6 ms on PGlite and 16.8 ms
 * against 11.4 ms on PostgreSQL 15. Holding every answer to at least FLOOR_MS hides that
 * difference (Better Auth does the same, 500 ms, for signed-out verification-email requests).
 * A plugin listed last, so the floor covers the other plugins' hooks (the account log) too.
 */
import type { BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';

export const ANSWER_FLOOR_MS = 400;
const floored = new Set(['/request-password-reset']);
const started = new WeakMap<Headers, number>();

export function answerFloor(floorMs = ANSWER_FLOOR_MS): BetterAuthPlugin {
  return {
    id: 'bookline-answer-floor',
    hooks: {
      before: [
        {
          matcher: (ctx) => floored.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.headers) started.set(ctx.headers, performance.now());
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => floored.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            const start = ctx.headers ? started.get(ctx.headers) : undefined;
            if (start === undefined) return;
            const remaining = floorMs - (performance.now() - start);
            if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
          }),
        },
      ],
    },
  };
}

/** Input parsing with zod schemas; failures become a 400 with per-field details. */
import type { z } from 'zod';
import { type AppError, validationError } from '@/lib/errors';

export interface FieldIssue {
  path: string;
  message: string;
}

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/** The 400 for a failed parse of `what` (the route validator and `parseInput` word it alike). */
export function validationFailure(error: z.ZodError, what: string): AppError {
  const fields = issuesOf(error);
  const first = fields[0];
  return validationError(
    first ? `Invalid ${what}: ${first.path === '(root)' ? '' : `${first.path} `}${first.message}`.trim() : `Invalid ${what}.`,
    { fields },
  );
}

/**
 * For callers outside HTTP (pages reading search params, the seed, scripts): routes parse
 * their input through their declaration, and use cases receive it parsed.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailure(result.error, what);
  return result.data;
}

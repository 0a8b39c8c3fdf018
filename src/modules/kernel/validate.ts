/** Parses use-case input with its zod schema; failures become a 400 with per-field details. */
import type { z } from 'zod';
import { validationError } from '@/lib/errors';

export interface FieldIssue {
  path: string;
  message: string;
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = issuesOf(result.error);
    const first = fields[0];
    throw validationError(
      first ? `Invalid ${what}: ${first.path === '(root)' ? '' : `${first.path} `}${first.message}`.trim() : `Invalid ${what}.`,
      { fields },
    );
  }
  return result.data;
}

/** Checks a booking's answers against its service's fields, with the schema the forms use too. */
import type { CustomField } from '@/db/schema';
import { validationError } from '@/lib/errors';
import { type FieldAnswer, fieldAnswersSchema } from './schemas';

export function validateFieldValues(defs: CustomField[], values: Record<string, FieldAnswer>): Record<string, FieldAnswer> {
  const result = fieldAnswersSchema(defs).safeParse(values);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ path: ['fields', ...i.path.map(String)].join('.'), message: i.message }));
  throw validationError(`Invalid booking details: ${fields[0]!.path} ${fields[0]!.message}`, { fields });
}

/**
 * The catalog forms validate with the server's own schemas (`@/modules/catalog/schemas`): this
 * turns a failed `safeParse` into messages keyed by the API's paths (`customFields.0.key`), in
 * the reader's language where the rule is a common one (required, bounds, whole numbers, the
 * slug and key formats), and reads list bounds off a schema for the inputs' hints.
 */
import type { z } from 'zod';
import { type FieldErrors, sentence } from '@/app/_lib/api';

export type IssueKey = 'required' | 'tooLong' | 'tooMany' | 'min' | 'max' | 'number' | 'wholeNumber' | 'slug' | 'key' | 'optionsNeeded' | 'optionTwice' | 'keyTwice' | 'detailKey' | 'httpsUrl';
export type IssueText = (key: IssueKey, values?: Record<string, number>) => string;

type Issue = z.ZodError['issues'][number];

function issueText(issue: Issue, t: IssueText): string {
  const last = issue.path.at(-1);
  const parent = issue.path.at(-2);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return t('required');
      if (issue.origin === 'number') return t('min', { min: Number(issue.minimum) });
      break;
    case 'too_big':
      if (issue.origin === 'string') return t('tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'number') return t('max', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('tooMany', { max: Number(issue.maximum) });
      break;
    case 'invalid_type':
      if (issue.expected === 'int') return t('wholeNumber');
      if (issue.expected === 'number') return t('number');
      break;
    case 'invalid_key':
      return t('detailKey');
    case 'invalid_format':
      if (issue.format === 'url') return t('httpsUrl');
      if (last === 'slug') return t('slug');
      if (last === 'key') return t('key');
      break;
    case 'custom':
      // A photo is an https:// URL or a path on this site (catalog/schemas.ts photoUrl).
      if (parent === 'photos') return t('httpsUrl');
      // customFieldSchema's own rules (catalog/schemas.ts): a select needs options, no repeats.
      if (last === 'options') return t('optionsNeeded');
      if (parent === 'options') return t('optionTwice');
      if (last === 'key') return t('keyTwice');
      break;
  }
  // The rule's own words (e.g. no markup in a name): the API would answer with the same ones.
  return sentence(issue.message);
}

/** The first problem per path, as the API would name it in `details.fields`. */
export function issueErrors(error: z.ZodError, t: IssueText): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in out)) out[path] = issueText(issue, t);
  }
  return out;
}

/** The most items a list schema takes (`list(item, max)` in the schemas); no bound: Infinity. */
export function listMax(schema: z.ZodArray): number {
  for (const check of schema._zod.def.checks ?? []) {
    const def = check._zod.def as { check?: string; maximum?: number };
    if (def.check === 'max_length' && def.maximum !== undefined) return def.maximum;
  }
  return Infinity;
}

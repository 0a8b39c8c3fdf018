import type { FieldAnswer } from '@/modules/bookings';

/** One custom-field answer as text: ticks as yes/no in the reader's language, an address on one line. */
export function answerText(value: FieldAnswer, words: { yes: string; no: string }): string {
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'object') return [value.street, [value.postalCode, value.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return String(value);
}

/** The first address among a booking's answers, on one line (where a mobile business goes). */
export function addressAnswer(fields: Record<string, FieldAnswer> | undefined): string | undefined {
  const address = Object.values(fields ?? {}).find((v) => typeof v === 'object');
  return address ? answerText(address, { yes: '', no: '' }) : undefined;
}

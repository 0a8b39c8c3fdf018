'use client';

/**
 * A service's own questions, rendered once for every booking form (the public booking page,
 * the staff "new booking" dialog): one input per field type, the answers kept as typed, and
 * problems checked with the schema the server applies (`fieldAnswersSchema`) and said in the
 * reader's language. Keys of `errors` are the API's paths (`fields.vehicle_type`,
 * `fields.address.city`), so a 400 from the server lands on the same inputs.
 */
import { useTranslations } from 'next-intl';
import { type FieldAnswer, fieldAnswersSchema, type FieldProblem } from '@/modules/bookings/schemas';
import type { CustomFieldDto } from '@/modules/catalog/schemas';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';

/** What an input holds while typing: text (numbers too), a tick, or the parts of an address. */
export type DraftAnswer = string | boolean | { street: string; city: string; postalCode: string };
export type DraftAnswers = Record<string, DraftAnswer>;

export function emptyAnswers(defs: readonly CustomFieldDto[]): DraftAnswers {
  return Object.fromEntries(defs.map((f) => [f.key, f.type === 'checkbox' ? false : f.type === 'address' ? { street: '', city: '', postalCode: '' } : '']));
}

/** The answers as the API takes them, or the problems keyed by API path — the server's own rules. */
export function checkAnswers(
  defs: readonly CustomFieldDto[],
  draft: DraftAnswers,
): { ok: true; answers: Record<string, FieldAnswer> } | { ok: false; problems: Record<string, FieldProblem> } {
  const result = fieldAnswersSchema(defs).safeParse(draft);
  if (result.success) return { ok: true, answers: result.data };
  const problems: Record<string, FieldProblem> = {};
  for (const issue of result.error.issues) {
    const path = ['fields', ...issue.path.map(String)].join('.');
    problems[path] ??= ((issue as { params?: FieldProblem }).params ?? { kind: 'text' }) as FieldProblem;
  }
  return { ok: false, problems };
}

/** A problem said in the reader's language. */
export function useProblemText() {
  const t = useTranslations('booking');
  return (p: FieldProblem): string => {
    switch (p.kind) {
      case 'required':
      case 'address':
        return t('errRequired');
      case 'email':
        return t('errEmail');
      case 'phone':
        return t('errPhone');
      case 'maxLength':
        return t('errMaxLength', { max: p.max });
      case 'number':
        return t('errNumber');
      case 'integer':
        return t('errInteger');
      case 'min':
        return t('errMin', { min: p.min });
      case 'max':
        return t('errMax', { max: p.max });
      case 'option':
        return t('errOption');
      case 'ticked':
        return t('errTicked');
      default:
        return t('errInvalid');
    }
  };
}

export function CustomFieldInputs({
  fields,
  values,
  errors,
  onChange,
  idPrefix,
}: {
  fields: readonly CustomFieldDto[];
  values: DraftAnswers;
  /** Messages by API path (`fields.<key>`, `fields.<key>.<part>` for an address). */
  errors: Record<string, string | undefined>;
  onChange: (key: string, value: DraftAnswer) => void;
  idPrefix: string;
}) {
  const t = useTranslations('booking');
  if (fields.length === 0) return null;
  const idOf = (path: string) => `${idPrefix}-${path.replace(/\./g, '-')}`;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((f) => {
        const path = `fields.${f.key}`;
        const label = f.required ? f.label : t('optionalLabel', { label: f.label });
        const value = values[f.key];
        const common = { id: idOf(path), label, hint: f.helpText, error: errors[path], 'aria-required': f.required ? ('true' as const) : undefined };
        switch (f.type) {
          case 'select':
            return (
              <SelectField key={f.key} {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(f.key, e.target.value)}>
                <option value="">{t('selectPlaceholder')}</option>
                {(f.options ?? []).map((o, i) => (
                  <option key={o} value={o}>
                    {f.optionLabels?.[i] ?? o}
                  </option>
                ))}
              </SelectField>
            );
          case 'textarea':
            return <TextareaField key={f.key} {...common} className="sm:col-span-2" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(f.key, e.target.value)} />;
          case 'checkbox':
            return <CheckboxField key={f.key} {...common} className="sm:col-span-2" checked={value === true} onChange={(e) => onChange(f.key, e.target.checked)} />;
          case 'address': {
            const address = typeof value === 'object' ? value : { street: '', city: '', postalCode: '' };
            const part = (name: 'street' | 'city' | 'postalCode') => (e: { target: { value: string } }) => onChange(f.key, { ...address, [name]: e.target.value });
            return (
              <fieldset key={f.key} className="sm:col-span-2" aria-describedby={f.helpText ? `${idOf(path)}-hint` : undefined}>
                <legend className="text-sm font-medium text-slate-900">{label}</legend>
                {f.helpText ? (
                  <p id={`${idOf(path)}-hint`} className="mt-1 text-sm text-slate-600">
                    {f.helpText}
                  </p>
                ) : null}
                <div className="mt-2 grid gap-3 sm:grid-cols-[2fr_1fr_1fr]">
                  <TextField id={idOf(`${path}.street`)} label={t('addressStreet')} autoComplete="street-address" maxLength={200} value={address.street} onChange={part('street')} error={errors[`${path}.street`] ?? errors[path]} aria-required={f.required ? 'true' : undefined} />
                  <TextField id={idOf(`${path}.city`)} label={t('addressCity')} autoComplete="address-level2" maxLength={100} value={address.city} onChange={part('city')} error={errors[`${path}.city`]} aria-required={f.required ? 'true' : undefined} />
                  <TextField id={idOf(`${path}.postalCode`)} label={t('addressPostalCode')} autoComplete="postal-code" maxLength={20} value={address.postalCode} onChange={part('postalCode')} error={errors[`${path}.postalCode`]} aria-required={f.required ? 'true' : undefined} />
                </div>
              </fieldset>
            );
          }
          default:
            return (
              <TextField
                key={f.key}
                {...common}
                type={f.type === 'number' ? 'number' : f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text'}
                inputMode={f.type === 'number' ? (f.integer ? 'numeric' : 'decimal') : undefined}
                step={f.type === 'number' ? (f.integer ? 1 : 'any') : undefined}
                min={f.type === 'number' ? f.min : undefined}
                max={f.type === 'number' ? f.max : undefined}
                maxLength={f.type === 'text' || f.type === 'email' || f.type === 'phone' ? (f.maxLength ?? 200) : undefined}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(f.key, e.target.value)}
              />
            );
        }
      })}
    </div>
  );
}

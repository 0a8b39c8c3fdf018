'use client';

/**
 * The organization's own texts in another language. Each input sits under the text it
 * translates (shown as its hint); what is left blank shows the original to visitors of that
 * language. Lists and options translate by position, questions by the form's row (so renaming a
 * question's key while translating it keeps the translation).
 */
import { useTranslations } from 'next-intl';
import type { ContentLocale } from '@/modules/catalog/schemas';
import { TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';

export interface TextTranslationDraft {
  name: string;
  title: string;
  description: string;
  features: string[];
  benefits: string[];
  steps: { title: string; description: string }[];
  /** By the question row's uid. */
  fields: Record<number, { label: string; helpText: string; options: string[] }>;
}

export const emptyTranslationDraft = (): TextTranslationDraft => ({ name: '', title: '', description: '', features: [], benefits: [], steps: [], fields: {} });

interface StoredTranslation {
  name?: string;
  title?: string;
  description?: string;
  features?: string[];
  benefits?: string[];
  processSteps?: { title: string; description?: string }[];
  customFields?: Record<string, { label?: string; helpText?: string; options?: string[] }>;
}

export function translationDraft(stored: StoredTranslation | undefined, fields: readonly { uid: number; key: string }[]): TextTranslationDraft {
  if (!stored) return emptyTranslationDraft();
  return {
    name: stored.name ?? '',
    title: stored.title ?? '',
    description: stored.description ?? '',
    features: stored.features ?? [],
    benefits: stored.benefits ?? [],
    steps: (stored.processSteps ?? []).map((s) => ({ title: s.title, description: s.description ?? '' })),
    fields: Object.fromEntries(
      fields.flatMap((f) => {
        const t = stored.customFields?.[f.key];
        return t ? [[f.uid, { label: t.label ?? '', helpText: t.helpText ?? '', options: t.options ?? [] }]] : [];
      }),
    ),
  };
}

/** Position-aligned to `length` items; trailing blanks dropped; undefined when all are blank. */
function alignedList(values: string[], length: number): string[] | undefined {
  const out = Array.from({ length }, (_, i) => (values[i] ?? '').trim());
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.length ? out : undefined;
}

export interface TranslationBase {
  features: string[];
  benefits: string[];
  steps: { title: string; description: string }[];
  fields: { uid: number; key: string; label: string; helpText: string; options: string[] }[];
}

/** The draft as the API takes it: blanks left out, undefined when nothing is translated. */
export function translationOut(draft: TextTranslationDraft, base: TranslationBase): StoredTranslation | undefined {
  const out: StoredTranslation = {};
  if (draft.name.trim()) out.name = draft.name.trim();
  if (draft.title.trim()) out.title = draft.title.trim();
  if (draft.description.trim()) out.description = draft.description;
  const features = alignedList(draft.features, base.features.length);
  if (features) out.features = features;
  const benefits = alignedList(draft.benefits, base.benefits.length);
  if (benefits) out.benefits = benefits;
  const steps = base.steps.map((_, i) => ({ title: (draft.steps[i]?.title ?? '').trim(), description: (draft.steps[i]?.description ?? '').trim() }));
  while (steps.length && !steps[steps.length - 1]!.title && !steps[steps.length - 1]!.description) steps.pop();
  if (steps.length) out.processSteps = steps.map((s) => ({ title: s.title, ...(s.description ? { description: s.description } : {}) }));
  const customFields: NonNullable<StoredTranslation['customFields']> = {};
  for (const f of base.fields) {
    const t = draft.fields[f.uid];
    if (!t || !f.key.trim()) continue;
    const one: { label?: string; helpText?: string; options?: string[] } = {};
    if (t.label.trim()) one.label = t.label.trim();
    if (t.helpText.trim()) one.helpText = t.helpText.trim();
    const options = alignedList(t.options, f.options.length);
    if (options) one.options = options;
    if (Object.keys(one).length) customFields[f.key.trim()] = one;
  }
  if (Object.keys(customFields).length) out.customFields = customFields;
  return Object.keys(out).length ? out : undefined;
}

const shorten = (text: string) => (text.length > 90 ? `${text.slice(0, 89)}…` : text);

export function ServiceTranslationFields({
  lang,
  draft,
  onChange,
  base,
  original,
  errors,
  disabled,
}: {
  lang: ContentLocale;
  draft: TextTranslationDraft;
  onChange: (next: TextTranslationDraft) => void;
  base: TranslationBase;
  original: { name: string; title: string; description: string };
  errors: Record<string, string | undefined>;
  disabled: boolean;
}) {
  const t = useTranslations('catalogPage.translation');
  const language = t(`languages.${lang}`);
  const id = (part: string) => `tr-${lang}-${part}`;
  const hint = (text: string) => (text.trim() ? t('original', { text: shorten(text) }) : t('originalBlank'));
  const err = (path: string) => errors[`translations.${lang}.${path}`];
  const setList = (key: 'features' | 'benefits', i: number, value: string) => {
    const next = [...draft[key]];
    next[i] = value;
    onChange({ ...draft, [key]: next });
  };
  const setField = (uid: number, patch: Partial<{ label: string; helpText: string; options: string[] }>) =>
    onChange({ ...draft, fields: { ...draft.fields, [uid]: { label: '', helpText: '', options: [], ...draft.fields[uid], ...patch } } });

  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-3 sm:p-4" disabled={disabled} data-testid={`translation-${lang}`}>
      <legend className="px-1 text-lg font-semibold text-slate-900">{t('legend', { language })}</legend>
      <p className="text-sm text-slate-600">{t('intro', { language })}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id={id('name')} lang={lang} label={t('name', { language })} hint={hint(original.name)} maxLength={120} value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} error={err('name')} />
        <TextField id={id('title')} lang={lang} label={t('title', { language })} hint={hint(original.title)} maxLength={200} value={draft.title} onChange={(e) => onChange({ ...draft, title: e.target.value })} error={err('title')} />
        <TextareaField
          id={id('description')}
          lang={lang}
          label={t('description', { language })}
          hint={hint(original.description)}
          maxLength={5000}
          value={draft.description}
          onChange={(e) => onChange({ ...draft, description: e.target.value })}
          error={err('description')}
          className="sm:col-span-2"
        />
      </div>
      {(['features', 'benefits'] as const).map((key) =>
        base[key].length ? (
          <fieldset key={key} className="space-y-3">
            <legend className="text-sm font-semibold text-slate-900">{t(key, { language })}</legend>
            <ul className="grid gap-3 sm:grid-cols-2">
              {base[key].map((item, i) => (
                <li key={i}>
                  <TextField
                    id={id(`${key}-${i}`)}
                    lang={lang}
                    label={t(key === 'features' ? 'featureN' : 'benefitN', { n: i + 1, language })}
                    hint={hint(item)}
                    maxLength={200}
                    value={draft[key][i] ?? ''}
                    onChange={(e) => setList(key, i, e.target.value)}
                    error={err(`${key}.${i}`)}
                  />
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null,
      )}
      {base.steps.length ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">{t('steps', { language })}</legend>
          <ol className="space-y-3">
            {base.steps.map((step, i) => (
              <li key={i} className="grid gap-3 sm:grid-cols-2">
                <TextField
                  id={id(`step-${i}-title`)}
                  lang={lang}
                  label={t('stepTitle', { n: i + 1, language })}
                  hint={hint(step.title)}
                  maxLength={120}
                  value={draft.steps[i]?.title ?? ''}
                  onChange={(e) => onChange({ ...draft, steps: base.steps.map((_, j) => (j === i ? { title: e.target.value, description: draft.steps[j]?.description ?? '' } : (draft.steps[j] ?? { title: '', description: '' }))) })}
                  error={err(`processSteps.${i}.title`)}
                />
                <TextField
                  id={id(`step-${i}-description`)}
                  lang={lang}
                  label={t('stepDescription', { n: i + 1, language })}
                  hint={hint(step.description)}
                  maxLength={1000}
                  value={draft.steps[i]?.description ?? ''}
                  onChange={(e) => onChange({ ...draft, steps: base.steps.map((_, j) => (j === i ? { title: draft.steps[j]?.title ?? '', description: e.target.value } : (draft.steps[j] ?? { title: '', description: '' }))) })}
                  error={err(`processSteps.${i}.description`)}
                />
              </li>
            ))}
          </ol>
        </fieldset>
      ) : null}
      {base.fields.length ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">{t('questions', { language })}</legend>
          <ol className="space-y-4">
            {base.fields.map((f) => {
              const value = draft.fields[f.uid] ?? { label: '', helpText: '', options: [] };
              const path = `customFields.${f.key.trim()}`;
              return (
                <li key={f.uid} className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-2">
                  <TextField
                    id={id(`cf-${f.uid}-label`)}
                    lang={lang}
                    label={t('questionLabel', { question: f.label || f.key, language })}
                    hint={hint(f.label)}
                    maxLength={120}
                    value={value.label}
                    onChange={(e) => setField(f.uid, { label: e.target.value })}
                    error={err(`${path}.label`) ?? err(path)}
                  />
                  <TextField
                    id={id(`cf-${f.uid}-help`)}
                    lang={lang}
                    label={t('questionHelp', { question: f.label || f.key, language })}
                    hint={hint(f.helpText)}
                    maxLength={300}
                    value={value.helpText}
                    onChange={(e) => setField(f.uid, { helpText: e.target.value })}
                    error={err(`${path}.helpText`)}
                  />
                  {f.options.length ? (
                    <ul className="grid gap-3 sm:col-span-2 sm:grid-cols-2">
                      {f.options.map((option, i) => (
                        <li key={i}>
                          <TextField
                            id={id(`cf-${f.uid}-option-${i}`)}
                            lang={lang}
                            label={t('option', { option, language })}
                            maxLength={100}
                            value={value.options[i] ?? ''}
                            onChange={(e) => {
                              const options = [...value.options];
                              options[i] = e.target.value;
                              setField(f.uid, { options });
                            }}
                            error={err(`${path}.options.${i}`) ?? (i === 0 ? err(`${path}.options`) : undefined)}
                          />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </fieldset>
      ) : null}
    </fieldset>
  );
}

/** A resource's name and description in another language. */
export function ResourceTranslationFields({
  lang,
  value,
  onChange,
  original,
  errors,
  disabled,
}: {
  lang: ContentLocale;
  value: { name: string; description: string };
  onChange: (next: { name: string; description: string }) => void;
  original: { name: string; description: string };
  errors: Record<string, string | undefined>;
  disabled: boolean;
}) {
  const t = useTranslations('catalogPage.translation');
  const language = t(`languages.${lang}`);
  const hint = (text: string) => (text.trim() ? t('original', { text: shorten(text) }) : t('originalBlank'));
  return (
    <fieldset className="grid gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-2 sm:p-4" disabled={disabled} data-testid={`translation-${lang}`}>
      <legend className="px-1 text-lg font-semibold text-slate-900">{t('legend', { language })}</legend>
      <p className="text-sm text-slate-600 sm:col-span-2">{t('intro', { language })}</p>
      <TextField
        id={`tr-${lang}-name`}
        lang={lang}
        label={t('name', { language })}
        hint={hint(original.name)}
        maxLength={120}
        value={value.name}
        onChange={(e) => onChange({ ...value, name: e.target.value })}
        error={errors[`translations.${lang}.name`]}
      />
      <TextareaField
        id={`tr-${lang}-description`}
        lang={lang}
        label={t('description', { language })}
        hint={hint(original.description)}
        maxLength={5000}
        value={value.description}
        onChange={(e) => onChange({ ...value, description: e.target.value })}
        error={errors[`translations.${lang}.description`]}
        className="sm:col-span-2"
      />
    </fieldset>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import type { ProductDto } from '@/modules/products';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { slugify } from './slug';
import type { CategoryOption } from './category-tree';

type Status = 'draft' | 'active' | 'archived';

interface FormValues {
  title: string;
  slug: string;
  description: string;
  categoryId: string;
  tags: string;
  images: string;
  featured: boolean;
  status: Status;
  esTitle: string;
  esDescription: string;
}

/** The form's keys in the order a person meets them; the API's paths map onto them. */
const fieldIds: Record<string, string> = {
  title: 'product-title',
  slug: 'product-slug',
  description: 'product-description',
  categoryId: 'product-category',
  tags: 'product-tags',
  images: 'product-images',
  status: 'product-status',
  esTitle: 'product-es-title',
  esDescription: 'product-es-description',
};

function keyOf(path: string): string {
  if (path.startsWith('translations.es.title')) return 'esTitle';
  if (path.startsWith('translations.es.description')) return 'esDescription';
  return path.split('.')[0]!;
}

function valuesOf(p: ProductDto | null): FormValues {
  if (!p) return { title: '', slug: '', description: '', categoryId: '', tags: '', images: '', featured: false, status: 'draft', esTitle: '', esDescription: '' };
  return {
    title: p.title,
    slug: p.slug,
    description: p.description,
    categoryId: p.categoryId ?? '',
    tags: p.tags.join(', '),
    images: p.images.join('\n'),
    featured: p.featured,
    status: p.status,
    esTitle: p.translations.es?.title ?? '',
    esDescription: p.translations.es?.description ?? '',
  };
}

/**
 * A product's own fields (not its variants): creates one, then opens its page; or saves the
 * changes. What was typed stays when the API refuses; its message lands on the field it names.
 */
export function ProductForm({ slug, product, categories, readOnly }: { slug: string; product: ProductDto | null; categories: CategoryOption[]; readOnly?: boolean }) {
  const t = useTranslations('productsAdmin');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [values, setValues] = useState<FormValues>(() => valuesOf(product));
  const [slugTouched, setSlugTouched] = useState(product !== null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof FormValues>(k: K, v: FormValues[K]) => setValues((old) => ({ ...old, [k]: v }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const es: { title?: string; description?: string } = {};
    if (values.esTitle.trim()) es.title = values.esTitle.trim();
    if (values.esDescription.trim()) es.description = values.esDescription.trim();
    const body = {
      title: values.title,
      slug: values.slug,
      description: values.description,
      categoryId: values.categoryId || null,
      tags: values.tags.split(',').map((s) => s.trim()).filter(Boolean),
      images: values.images.split('\n').map((s) => s.trim()).filter(Boolean),
      featured: values.featured,
      status: values.status,
      // Other locales' translations stay as they are; only Spanish is edited here.
      translations: { ...product?.translations, es },
    };
    setSaving(true);
    const result = product
      ? await call(api.orgs[':slug'].products[':productId'].$patch({ param: { slug, productId: product.id }, json: body }))
      : await call(api.orgs[':slug'].products.$post({ param: { slug }, json: body }));
    setSaving(false);
    if (result.ok) {
      setErrors({});
      setFormError(null);
      if (product) {
        notify('success', t('form.saved', { title: result.data.title }));
        router.refresh();
      } else {
        notify('success', t('form.created', { title: result.data.title }));
        router.push(`/dashboard/${slug}/products/${result.data.id}`);
      }
      return;
    }
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(result.fields)) {
      const key = keyOf(path);
      if (key in fieldIds && !fields[key]) fields[key] = sentence(message);
    }
    setErrors(fields);
    setFormError(Object.keys(fields).length ? t('form.fixErrors') : failureMessage(result, te));
    const first = Object.keys(fieldIds).find((k) => fields[k]);
    if (first) form.querySelector<HTMLElement>(`#${fieldIds[first]}`)?.focus();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="product-form-title">
      <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
      <fieldset disabled={readOnly} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="product-title"
            label={t('form.title')}
            value={values.title}
            error={errors.title}
            maxLength={200}
            onChange={(e) => {
              const title = e.target.value;
              setValues((old) => ({ ...old, title, slug: slugTouched ? old.slug : slugify(title) }));
            }}
          />
          <TextField
            id="product-slug"
            label={t('form.slug')}
            hint={t('form.slugHint')}
            value={values.slug}
            error={errors.slug}
            maxLength={80}
            autoComplete="off"
            onChange={(e) => {
              setSlugTouched(true);
              set('slug', e.target.value);
            }}
          />
        </div>
        <TextareaField id="product-description" label={t('form.description')} value={values.description} error={errors.description} maxLength={5000} onChange={(e) => set('description', e.target.value)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField id="product-category" label={t('form.category')} value={values.categoryId} error={errors.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
            <option value="">{t('form.noCategory')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {`${'\u00a0\u00a0'.repeat(c.depth)}${c.name}`}
              </option>
            ))}
          </SelectField>
          <SelectField id="product-status" label={t('form.status')} value={values.status} error={errors.status} onChange={(e) => set('status', e.target.value as Status)}>
            <option value="draft">{t('status.draft')}</option>
            <option value="active">{t('status.active')}</option>
            <option value="archived">{t('status.archived')}</option>
          </SelectField>
          <TextField id="product-tags" label={t('form.tags')} hint={t('form.tagsHint')} value={values.tags} error={errors.tags} maxLength={900} onChange={(e) => set('tags', e.target.value)} />
        </div>
        <TextareaField id="product-images" label={t('form.images')} hint={t('form.imagesHint')} rows={3} value={values.images} error={errors.images} maxLength={25_000} onChange={(e) => set('images', e.target.value)} />
        <CheckboxField id="product-featured" label={t('form.featured')} checked={values.featured} onChange={(e) => set('featured', e.target.checked)} />
        <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">{t('form.spanish')}</legend>
          <TextField id="product-es-title" label={t('form.esTitle')} value={values.esTitle} error={errors.esTitle} maxLength={200} onChange={(e) => set('esTitle', e.target.value)} />
          <TextareaField id="product-es-description" label={t('form.esDescription')} value={values.esDescription} error={errors.esDescription} maxLength={5000} onChange={(e) => set('esDescription', e.target.value)} />
        </fieldset>
      </fieldset>
      {readOnly ? null : (
        <Button type="submit" loading={saving} loadingText={t('form.saving')}>
          {product ? t('form.save') : t('form.create')}
        </Button>
      )}
    </form>
  );
}

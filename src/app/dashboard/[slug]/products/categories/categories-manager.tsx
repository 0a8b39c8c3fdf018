'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import type { CategoryDto } from '@/modules/products';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { EmptyState } from '@/ui/empty-state';
import { SelectField, TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { slugify } from '../slug';

type Category = CategoryDto & { depth: number };

interface Values {
  name: string;
  slug: string;
  parentId: string;
  esName: string;
}

const blank: Values = { name: '', slug: '', parentId: '', esName: '' };

const keyOf = (path: string) => (path.startsWith('translations.es') ? 'esName' : path.split('.')[0]!);

/** Categories in tree order; one form creates, a dialog renames/translates/moves, another confirms a delete. */
export function CategoriesManager({ slug, categories, manage }: { slug: string; categories: Category[]; manage: boolean }) {
  const t = useTranslations('productsAdmin.categories');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [values, setValues] = useState<Values>(blank);
  const [slugTouched, setSlugTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState<Category | null>(null);
  const [edit, setEdit] = useState<Values>(blank);
  const [editErrors, setEditErrors] = useState<Record<string, string>>({});
  const [editError, setEditError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Category | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const collect = (fields: Record<string, string>) => {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(fields)) {
      const key = keyOf(path);
      if (!out[key]) out[key] = sentence(message);
    }
    return out;
  };

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setSaving(true);
    const result = await call(
      api.orgs[':slug']['product-categories'].$post({
        param: { slug },
        json: { name: values.name, slug: values.slug, parentId: values.parentId || null, translations: values.esName.trim() ? { es: { name: values.esName.trim() } } : {} },
      }),
    );
    setSaving(false);
    if (result.ok) {
      notify('success', t('created', { name: result.data.name }));
      setValues(blank);
      setSlugTouched(false);
      setErrors({});
      setFormError(null);
      router.refresh();
      return;
    }
    const fields = collect(result.fields);
    setErrors(fields);
    setFormError(Object.keys(fields).length ? t('fixErrors') : failureMessage(result, te));
    const first = ['name', 'slug', 'parentId', 'esName'].find((k) => fields[k]);
    if (first) form.querySelector<HTMLElement>(`#category-${first}`)?.focus();
  }

  function startEdit(c: Category) {
    setEditing(c);
    setEdit({ name: c.name, slug: c.slug, parentId: c.parentId ?? '', esName: c.translations.es?.name ?? '' });
    setEditErrors({});
    setEditError(null);
  }

  async function onEdit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!editing) return;
    setBusy(true);
    const es = edit.esName.trim() ? { name: edit.esName.trim() } : {};
    const result = await call(
      api.orgs[':slug']['product-categories'][':categoryId'].$patch({
        param: { slug, categoryId: editing.id },
        json: { name: edit.name, slug: edit.slug, parentId: edit.parentId || null, translations: { ...editing.translations, es } },
      }),
    );
    setBusy(false);
    if (result.ok) {
      notify('success', t('saved', { name: result.data.name }));
      setEditing(null);
      router.refresh();
      return;
    }
    const fields = collect(result.fields);
    setEditErrors(fields);
    setEditError(Object.keys(fields).length ? t('fixErrors') : failureMessage(result, te));
  }

  async function onDelete() {
    if (!deleting) return;
    setBusy(true);
    setDeleteError(null);
    const result = await call(api.orgs[':slug']['product-categories'][':categoryId'].$delete({ param: { slug, categoryId: deleting.id } }));
    setBusy(false);
    if (result.ok) {
      notify('success', t('deleted', { name: deleting.name }));
      setDeleting(null);
      router.refresh();
      return;
    }
    setDeleteError(t('deleteFailed', { message: failureMessage(result, te) }));
  }

  /** A category cannot move under itself or its own descendants (the API says so too). */
  const parentChoices = (self: Category | null) => {
    if (!self) return categories;
    const below = new Set([self.id]);
    for (const c of categories) if (c.parentId && below.has(c.parentId)) below.add(c.id);
    return categories.filter((c) => !below.has(c.id));
  };
  const options = (self: Category | null) => (
    <>
      <option value="">{t('topLevel')}</option>
      {parentChoices(self).map((c) => (
        <option key={c.id} value={c.id}>
          {`${'\u00a0\u00a0'.repeat(c.depth)}${c.name}`}
        </option>
      ))}
    </>
  );

  return (
    <>
      {categories.length === 0 ? (
        <EmptyState className="mt-6" title={t('emptyTitle')} description={t('emptyBody')} />
      ) : (
        <ul className="mt-6 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm" aria-label={t('listLabel')}>
          {categories.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3" data-testid="category-row" style={{ paddingInlineStart: `${1 + c.depth * 1.25}rem` }}>
              <div className="min-w-0">
                <span className="block font-medium break-words text-slate-900">{c.name}</span>
                <span className="block break-all text-slate-600">
                  /{c.slug}
                  {c.translations.es?.name ? ` · ES: ${c.translations.es.name}` : ''}
                </span>
              </div>
              {manage ? (
                <div className="flex flex-wrap gap-2">
                  <Button size="sm" variant="secondary" aria-label={t('edit', { name: c.name })} aria-haspopup="dialog" onClick={() => startEdit(c)}>
                    {t('editShort')}
                  </Button>
                  <Button
                    size="sm"
                    variant="danger"
                    aria-label={t('delete', { name: c.name })}
                    aria-haspopup="dialog"
                    onClick={() => {
                      setDeleteError(null);
                      setDeleting(c);
                    }}
                  >
                    {t('deleteShort')}
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {manage ? (
        <section aria-labelledby="category-form-title" className="mt-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
          <h2 id="category-form-title" className="text-base font-semibold text-slate-900">
            {t('createTitle')}
          </h2>
          <form onSubmit={onCreate} noValidate className="mt-4 space-y-4">
            <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                id="category-name"
                label={t('name')}
                value={values.name}
                error={errors.name}
                maxLength={80}
                onChange={(e) => {
                  const name = e.target.value;
                  setValues((o) => ({ ...o, name, slug: slugTouched ? o.slug : slugify(name) }));
                }}
              />
              <TextField
                id="category-slug"
                label={t('slug')}
                value={values.slug}
                error={errors.slug}
                maxLength={80}
                autoComplete="off"
                onChange={(e) => {
                  setSlugTouched(true);
                  setValues((o) => ({ ...o, slug: e.target.value }));
                }}
              />
              <SelectField id="category-parentId" label={t('parent')} value={values.parentId} error={errors.parentId} onChange={(e) => setValues((o) => ({ ...o, parentId: e.target.value }))}>
                {options(null)}
              </SelectField>
              <TextField id="category-esName" label={t('esName')} value={values.esName} error={errors.esName} maxLength={80} onChange={(e) => setValues((o) => ({ ...o, esName: e.target.value }))} />
            </div>
            <Button type="submit" loading={saving} loadingText={t('saving')}>
              {t('create')}
            </Button>
          </form>
        </section>
      ) : null}

      <Dialog open={editing !== null} onClose={() => (busy ? undefined : setEditing(null))} title={editing ? t('editTitle', { name: editing.name }) : ''} closeLabel={tc('close')}>
        <form onSubmit={onEdit} noValidate className="mt-2 space-y-4">
          <LiveRegion politeness="assertive">{editError ? <Alert tone="error">{editError}</Alert> : null}</LiveRegion>
          <TextField id="category-edit-name" label={t('name')} value={edit.name} error={editErrors.name} maxLength={80} onChange={(e) => setEdit((o) => ({ ...o, name: e.target.value }))} />
          <TextField id="category-edit-slug" label={t('slug')} value={edit.slug} error={editErrors.slug} maxLength={80} autoComplete="off" onChange={(e) => setEdit((o) => ({ ...o, slug: e.target.value }))} />
          <SelectField id="category-edit-parentId" label={t('parent')} value={edit.parentId} error={editErrors.parentId} onChange={(e) => setEdit((o) => ({ ...o, parentId: e.target.value }))}>
            {options(editing)}
          </SelectField>
          <TextField id="category-edit-esName" label={t('esName')} value={edit.esName} error={editErrors.esName} maxLength={80} onChange={(e) => setEdit((o) => ({ ...o, esName: e.target.value }))} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" disabled={busy} onClick={() => setEditing(null)}>
              {tc('cancel')}
            </Button>
            <Button type="submit" loading={busy} loadingText={t('saving')}>
              {t('save')}
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog open={deleting !== null} onClose={() => (busy ? undefined : setDeleting(null))} title={deleting ? t('deleteTitle', { name: deleting.name }) : ''} description={t('deleteBody')} closeLabel={tc('close')}>
        <LiveRegion politeness="assertive">{deleteError ? <Alert tone="error">{deleteError}</Alert> : null}</LiveRegion>
        <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" disabled={busy} onClick={() => setDeleting(null)}>
            {tc('cancel')}
          </Button>
          <Button variant="danger" loading={busy} loadingText={t('saving')} onClick={() => void onDelete()}>
            {t('deleteConfirm')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

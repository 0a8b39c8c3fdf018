'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import type { TicketTypeDto } from '@/modules/events/schemas';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { EmptyState } from '@/ui/empty-state';
import { TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
// The public site's formatter: a fixed table of currency decimals, so the server's render and the
// browser's agree (ICU versions disagree on some currencies' digits, e.g. RSD: 2 in Node, 0 in Chromium).
import { formatMoney } from '@/app/[org]/_lib/format';
import { inputToMinor, minorToInput } from '../../_shop/money';

interface TypeValues {
  name: string;
  esName: string;
  price: string;
  limit: string;
}

const blank: TypeValues = { name: '', esName: '', price: '', limit: '' };

const fieldKeys = ['name', 'esName', 'priceMinor', 'limit'] as const;

function keyOf(path: string): string {
  if (path.startsWith('translations.es')) return 'esName';
  return path.split('.')[0]!;
}

/** The typed values → the API's body, or the fields that are wrong. */
function bodyOf(v: TypeValues, t: (k: 'required' | 'invalidNumber' | 'invalidWhole') => string) {
  const errors: Record<string, string> = {};
  const priceMinor = inputToMinor(v.price);
  if (priceMinor === null) errors.priceMinor = t('required');
  else if (Number.isNaN(priceMinor)) errors.priceMinor = t('invalidNumber');
  const limitText = v.limit.trim();
  const limit = limitText === '' ? null : /^\d{1,6}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (limit !== null && Number.isNaN(limit)) errors.limit = t('invalidWhole');
  const body = { name: v.name, translations: v.esName.trim() ? { es: { name: v.esName.trim() } } : {}, priceMinor: priceMinor ?? 0, limit };
  return { body, errors };
}

function apiFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const key = keyOf(path);
    if ((fieldKeys as readonly string[]).includes(key) && !out[key]) out[key] = sentence(message);
  }
  return out;
}

/** The event's ticket types: a table with each one's sales, an edit dialog, a delete confirmation, and a form that adds one. */
export function TicketTypesManager({ slug, eventId, currency, locale, types, manage }: { slug: string; eventId: string; currency: string; locale: string; types: TicketTypeDto[]; manage: boolean }) {
  const t = useTranslations('eventsAdmin.types');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [values, setValues] = useState<TypeValues>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState<TicketTypeDto | null>(null);
  const [edit, setEdit] = useState<TypeValues>(blank);
  const [editErrors, setEditErrors] = useState<Record<string, string>>({});
  const [editError, setEditError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<TicketTypeDto | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const routes = () => api.orgs[':slug']['ticketed-events'][':eventId']['ticket-types'];

  async function onAdd(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const { body, errors: local } = bodyOf(values, t);
    const focusFirst = (fields: Record<string, string>) => {
      const first = fieldKeys.find((k) => fields[k]);
      if (first) form.querySelector<HTMLElement>(`#tt-add-${first}`)?.focus();
    };
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setFormError(t('fixErrors'));
      return focusFirst(local);
    }
    setSaving(true);
    const r = await call(routes().$post({ param: { slug, eventId }, json: body }));
    setSaving(false);
    if (r.ok) {
      notify('success', t('added', { name: values.name.trim() }));
      setValues(blank);
      setErrors({});
      setFormError(null);
      router.refresh();
      return;
    }
    const fields = apiFields(r.fields);
    setErrors(fields);
    setFormError(Object.keys(fields).length ? t('fixErrors') : failureMessage(r, te));
    focusFirst(fields);
  }

  function startEdit(type: TicketTypeDto) {
    setEditing(type);
    setEdit({ name: type.name, esName: type.translations.es?.name ?? '', price: minorToInput(type.priceMinor), limit: type.limit === null ? '' : String(type.limit) });
    setEditErrors({});
    setEditError(null);
  }

  async function onEdit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!editing) return;
    const { body, errors: local } = bodyOf(edit, t);
    if (Object.keys(local).length > 0) {
      setEditErrors(local);
      setEditError(t('fixErrors'));
      return;
    }
    setBusy(true);
    const r = await call(routes()[':ticketTypeId'].$patch({ param: { slug, eventId, ticketTypeId: editing.id }, json: { ...body, translations: { ...editing.translations, es: body.translations.es ?? {} } } }));
    setBusy(false);
    if (r.ok) {
      notify('success', t('saved', { name: edit.name.trim() }));
      setEditing(null);
      router.refresh();
      return;
    }
    const fields = apiFields(r.fields);
    setEditErrors(fields);
    setEditError(Object.keys(fields).length ? t('fixErrors') : failureMessage(r, te));
  }

  async function onDelete() {
    if (!deleting) return;
    setBusy(true);
    setDeleteError(null);
    const r = await call(routes()[':ticketTypeId'].$delete({ param: { slug, eventId, ticketTypeId: deleting.id } }));
    setBusy(false);
    if (r.ok) {
      notify('success', t('deleted', { name: deleting.name }));
      setDeleting(null);
      router.refresh();
      return;
    }
    setDeleteError(t('deleteFailed', { message: failureMessage(r, te) }));
  }

  return (
    <>
      {types.length === 0 ? (
        <EmptyState className="mt-4" headingLevel="h3" title={t('emptyTitle')} description={t('emptyBody')} />
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="types-caption" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="types-caption" className="sr-only">
              {t('caption')}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('columns.name')}
                </th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">
                  {t('columns.price')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                  {t('columns.limit')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                  {t('columns.sold')}
                </th>
                {manage ? (
                  <th scope="col" className="px-4 py-3 font-semibold">
                    {t('columns.actions')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {types.map((type) => {
                const sold = t('soldCount', { sold: type.sold, remaining: type.remaining, checkedIn: type.checkedIn });
                const limit = type.limit === null ? t('noLimit') : String(type.limit);
                return (
                  <tr key={type.id} className="align-top" data-testid="ticket-type-row">
                    <td className="px-4 py-3">
                      <span className="block font-medium text-slate-900">{type.name}</span>
                      {type.translations.es?.name ? (
                        <span lang="es" className="block text-slate-600">
                          {type.translations.es.name}
                        </span>
                      ) : null}
                      <span className="block text-slate-700 sm:hidden">
                        {limit} · {sold}
                      </span>
                    </td>
                    <td className="px-4 py-3 text-right whitespace-nowrap text-slate-900 tabular-nums">{money(type.priceMinor)}</td>
                    <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{limit}</td>
                    <td className="hidden px-4 py-3 text-slate-700 tabular-nums sm:table-cell">{sold}</td>
                    {manage ? (
                      <td className="px-4 py-3">
                        <div className="flex flex-wrap gap-2">
                          <Button size="sm" variant="secondary" aria-label={t('edit', { name: type.name })} aria-haspopup="dialog" onClick={() => startEdit(type)}>
                            {t('editShort')}
                          </Button>
                          <Button
                            size="sm"
                            variant="danger"
                            aria-label={t('delete', { name: type.name })}
                            aria-haspopup="dialog"
                            onClick={() => {
                              setDeleteError(null);
                              setDeleting(type);
                            }}
                          >
                            {t('deleteShort')}
                          </Button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {manage ? (
        <section aria-labelledby="type-add-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
          <h3 id="type-add-title" className="text-base font-semibold text-slate-900">
            {t('addHeading')}
          </h3>
          <form onSubmit={onAdd} noValidate className="mt-4 space-y-4">
            <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
            <TypeFields prefix="tt-add" values={values} errors={errors} onChange={setValues} />
            <Button type="submit" loading={saving}>
              {t('add')}
            </Button>
          </form>
        </section>
      ) : null}

      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing ? t('editTitle', { name: editing.name }) : ''} closeLabel={tc('close')}>
        <form onSubmit={onEdit} noValidate className="space-y-4">
          <LiveRegion politeness="assertive">{editError ? <Alert tone="error">{editError}</Alert> : null}</LiveRegion>
          <TypeFields prefix="tt-edit" values={edit} errors={editErrors} onChange={setEdit} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" loading={busy}>
              {t('save')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(null)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog open={deleting !== null} onClose={() => setDeleting(null)} title={deleting ? t('deleteTitle', { name: deleting.name }) : ''} description={t('deleteBody')} closeLabel={tc('close')}>
        <LiveRegion politeness="assertive">
          {deleteError ? (
            <Alert tone="error" className="mt-3">
              {deleteError}
            </Alert>
          ) : null}
        </LiveRegion>
        <div className="mt-4 flex flex-wrap gap-2">
          <Button variant="danger" loading={busy} onClick={() => void onDelete()}>
            {t('deleteShort')}
          </Button>
          <Button variant="secondary" data-autofocus onClick={() => setDeleting(null)}>
            {t('cancel')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function TypeFields({ prefix, values, errors, onChange }: { prefix: string; values: TypeValues; errors: Record<string, string>; onChange: (update: (old: TypeValues) => TypeValues) => void }) {
  const t = useTranslations('eventsAdmin.types');
  const set = (k: keyof TypeValues, v: string) => onChange((old) => ({ ...old, [k]: v }));
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField id={`${prefix}-name`} label={t('name')} value={values.name} error={errors.name} maxLength={120} onChange={(e) => set('name', e.target.value)} />
      <TextField id={`${prefix}-esName`} label={t('esName')} value={values.esName} error={errors.esName} maxLength={120} onChange={(e) => set('esName', e.target.value)} />
      <TextField id={`${prefix}-priceMinor`} label={t('price')} hint={t('priceHint')} inputMode="decimal" value={values.price} error={errors.priceMinor} maxLength={12} onChange={(e) => set('price', e.target.value)} />
      <TextField id={`${prefix}-limit`} label={t('limit')} hint={t('limitHint')} inputMode="numeric" value={values.limit} error={errors.limit} maxLength={6} onChange={(e) => set('limit', e.target.value)} />
    </div>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { EmptyState } from '@/ui/empty-state';
import { TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { api, type ApiFailure, call, type FieldErrors, failureMessage } from '@/app/_lib/api';

type Locale = 'en' | 'es';
type Translations = Partial<Record<Locale, { name?: string; description?: string }>>;

export interface TierRow {
  id: string;
  name: string;
  description: string;
  translations: Translations;
  rank: number;
  memberCount: number;
}

interface Draft {
  name: string;
  translatedName: string;
  description: string;
}

const emptyDraft: Draft = { name: '', translatedName: '', description: '' };

/** The API's conflicts (a taken name, a held tier) say exactly what is wrong: show them as given. */
function reason(result: ApiFailure, te: Parameters<typeof failureMessage>[1]): string {
  return result.status === 409 || result.status === 404 ? result.error.message : failureMessage(result, te);
}

function translationsOf(tier: TierRow | null, locale: Locale, translatedName: string): Translations {
  const own = tier?.translations[locale] ?? {};
  return { ...tier?.translations, [locale]: { ...own, name: translatedName.trim() } };
}

/** The tier fields (create and edit share them); errors come from the API's `details.fields`. */
function TierFields({ idPrefix, draft, onChange, fields, translationLocale }: { idPrefix: string; draft: Draft; onChange: (d: Draft) => void; fields: FieldErrors; translationLocale: Locale }) {
  const t = useTranslations('tiersPage.create');
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField id={`${idPrefix}-name`} label={t('name')} value={draft.name} required maxLength={60} error={fields.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
      <TextField
        id={`${idPrefix}-translated`}
        label={t('nameTranslated', { language: translationLocale })}
        value={draft.translatedName}
        maxLength={60}
        lang={translationLocale}
        error={fields[`translations.${translationLocale}.name`]}
        onChange={(e) => onChange({ ...draft, translatedName: e.target.value })}
      />
      <TextareaField
        id={`${idPrefix}-description`}
        label={t('description')}
        value={draft.description}
        rows={2}
        maxLength={500}
        error={fields.description}
        className="sm:col-span-2"
        onChange={(e) => onChange({ ...draft, description: e.target.value })}
      />
    </div>
  );
}

export function TiersManager({ slug, organization, manages, translationLocale, tiers }: { slug: string; organization: string; manages: boolean; translationLocale: Locale; tiers: TierRow[] }) {
  const t = useTranslations('tiersPage');
  const tr = useTranslations('tiersPage.row');
  const tcreate = useTranslations('tiersPage.create');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();

  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [creating, setCreating] = useState(false);
  const [createFields, setCreateFields] = useState<FieldErrors>({});
  const [createError, setCreateError] = useState<string | null>(null);

  const [editing, setEditing] = useState<TierRow | null>(null);
  const [editDraft, setEditDraft] = useState<Draft>(emptyDraft);
  const [saving, setSaving] = useState(false);
  const [editFields, setEditFields] = useState<FieldErrors>({});
  const [editError, setEditError] = useState<string | null>(null);

  const [deleting, setDeleting] = useState<TierRow | null>(null);
  const [removing, setRemoving] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const [moving, setMoving] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (creating) return;
    setCreating(true);
    setCreateError(null);
    setCreateFields({});
    const json = { name: draft.name, description: draft.description, translations: translationsOf(null, translationLocale, draft.translatedName) };
    const result = await call(api.orgs[':slug'].tiers.$post({ param: { slug }, json }));
    setCreating(false);
    if (result.ok) {
      notify('success', tcreate('created', { name: result.data.name }));
      setDraft(emptyDraft);
      router.refresh();
      return;
    }
    setCreateFields(result.fields);
    setCreateError(reason(result, te));
  }

  function openEdit(tier: TierRow) {
    setEditing(tier);
    setEditDraft({ name: tier.name, translatedName: tier.translations[translationLocale]?.name ?? '', description: tier.description });
    setEditFields({});
    setEditError(null);
  }

  async function saveEdit(e: FormEvent) {
    e.preventDefault();
    if (!editing || saving) return;
    setSaving(true);
    setEditError(null);
    setEditFields({});
    const json = { name: editDraft.name, description: editDraft.description, translations: translationsOf(editing, translationLocale, editDraft.translatedName) };
    const result = await call(api.orgs[':slug'].tiers[':tierId'].$patch({ param: { slug, tierId: editing.id }, json }));
    setSaving(false);
    if (result.ok) {
      notify('success', tr('saved', { name: result.data.name }));
      setEditing(null);
      router.refresh();
      return;
    }
    setEditFields(result.fields);
    setEditError(reason(result, te));
  }

  /** Up or down: take the neighbour's rank; the API swaps the two. */
  async function move(tier: TierRow, neighbour: TierRow | undefined) {
    if (!neighbour || moving) return;
    setMoving(tier.id);
    setRowError(null);
    const result = await call(api.orgs[':slug'].tiers[':tierId'].$patch({ param: { slug, tierId: tier.id }, json: { rank: neighbour.rank } }));
    setMoving(null);
    if (result.ok) {
      notify('success', tr('moved', { name: tier.name }));
      router.refresh();
      return;
    }
    setRowError(reason(result, te));
  }

  async function remove() {
    if (!deleting || removing) return;
    setRemoving(true);
    setDeleteError(null);
    const result = await call(api.orgs[':slug'].tiers[':tierId'].$delete({ param: { slug, tierId: deleting.id } }));
    setRemoving(false);
    if (result.ok) {
      notify('success', tr('deleted', { name: deleting.name }));
      setDeleting(null);
      router.refresh();
      return;
    }
    setDeleteError(reason(result, te));
  }

  return (
    <div className="mt-6 space-y-8">
      {tiers.length === 0 ? (
        <EmptyState title={t('emptyTitle')} description={manages ? t('emptyBody') : t('emptyReadOnly')} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="tiers-caption" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="tiers-caption" className="sr-only">
              {t('caption', { organization })}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t('rank')}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t('name')}</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t('translatedName', { language: translationLocale })}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t('members')}</th>
                {manages ? <th scope="col" className="px-4 py-3 font-semibold">{t('actions')}</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tiers.map((tier, i) => (
                <tr key={tier.id} data-testid="tier-row">
                  <td className="px-4 py-3 text-slate-700">{i + 1}</td>
                  <td className="px-4 py-3">
                    <span className="font-medium text-slate-900">{tier.name}</span>
                    {tier.description ? <span className="block text-slate-600">{tier.description}</span> : null}
                    {tier.translations[translationLocale]?.name ? (
                      <span className="block text-slate-600 sm:hidden" lang={translationLocale}>
                        {tier.translations[translationLocale]?.name}
                      </span>
                    ) : null}
                  </td>
                  <td className="hidden px-4 py-3 text-slate-700 sm:table-cell" lang={translationLocale}>
                    {tier.translations[translationLocale]?.name || '—'}
                  </td>
                  <td className="px-4 py-3" data-testid="tier-members">
                    <Badge tone={tier.memberCount > 0 ? 'brand' : 'neutral'}>{tier.memberCount}</Badge>
                  </td>
                  {manages ? (
                    <td className="px-4 py-3">
                      <div className="flex flex-wrap gap-1">
                        <Button type="button" size="sm" variant="ghost" disabled={i === 0 || !!moving} aria-label={tr('moveUp', { name: tier.name })} onClick={() => move(tier, tiers[i - 1])}>
                          {tr('up')}
                        </Button>
                        <Button
                          type="button"
                          size="sm"
                          variant="ghost"
                          disabled={i === tiers.length - 1 || !!moving}
                          aria-label={tr('moveDown', { name: tier.name })}
                          onClick={() => move(tier, tiers[i + 1])}
                        >
                          {tr('down')}
                        </Button>
                        <Button type="button" size="sm" variant="secondary" aria-label={tr('editLabel', { name: tier.name })} onClick={() => openEdit(tier)}>
                          {tr('edit')}
                        </Button>
                        <Button
                          type="button"
                          size="sm"
                          variant="ghost"
                          aria-label={tr('deleteLabel', { name: tier.name })}
                          onClick={() => {
                            setDeleting(tier);
                            setDeleteError(null);
                          }}
                        >
                          {tr('delete')}
                        </Button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LiveRegion politeness="assertive">{rowError ? <Alert tone="error">{rowError}</Alert> : null}</LiveRegion>

      {manages ? (
        <section aria-labelledby="new-tier-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <h2 id="new-tier-title" className="text-lg font-semibold text-slate-900">
            {tcreate('title')}
          </h2>
          <form className="mt-4 space-y-4" onSubmit={create} noValidate>
            <TierFields idPrefix="new-tier" draft={draft} onChange={setDraft} fields={createFields} translationLocale={translationLocale} />
            <LiveRegion politeness="assertive">{createError ? <Alert tone="error">{createError}</Alert> : null}</LiveRegion>
            <Button type="submit" loading={creating} loadingText={tcreate('submitting')}>
              {tcreate('submit')}
            </Button>
          </form>
        </section>
      ) : null}

      <Dialog open={!!editing} onClose={() => !saving && setEditing(null)} title={tr('editTitle', { name: editing?.name ?? '' })} closeLabel={tc('close')}>
        <form className="space-y-4" onSubmit={saveEdit} noValidate>
          <TierFields idPrefix="edit-tier" draft={editDraft} onChange={setEditDraft} fields={editFields} translationLocale={translationLocale} />
          <LiveRegion politeness="assertive">{editError ? <Alert tone="error">{editError}</Alert> : null}</LiveRegion>
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setEditing(null)} disabled={saving}>
              {tr('cancel')}
            </Button>
            <Button type="submit" loading={saving} loadingText={tr('saving')}>
              {tr('save')}
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog
        open={!!deleting}
        onClose={() => !removing && setDeleting(null)}
        title={tr('confirmTitle', { name: deleting?.name ?? '' })}
        description={deleting && deleting.memberCount > 0 ? tr('confirmHeld', { count: deleting.memberCount }) : tr('confirmBody')}
        closeLabel={tc('close')}
      >
        <LiveRegion politeness="assertive">{deleteError ? <Alert tone="error" className="mb-4">{deleteError}</Alert> : null}</LiveRegion>
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" data-autofocus onClick={() => setDeleting(null)} disabled={removing}>
            {tr('cancel')}
          </Button>
          <Button type="button" variant="danger" loading={removing} loadingText={tr('deleting')} disabled={!!deleting && deleting.memberCount > 0} onClick={remove}>
            {tr('confirmDelete')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';
import type { RuleDto } from '@/modules/rules/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge, type BadgeTone } from '@/ui/badge';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { EmptyState } from '@/ui/empty-state';
import { Spinner } from '@/ui/spinner';
import { useToast } from '@/ui/toast';
import { Pager } from '../webhooks/pager';
import { checkDraft, draftFromRule, emptyDraft, fieldIdOf, type Locale, type RuleDraft, type RuleIssueKey } from './rule-draft';
import { RuleForm, type RuleFormOptions } from './rule-form';
import { RulePreview } from './rule-preview';

const PAGE_SIZE = 20;

const outcomeTone: Record<RuleDto['outcome'], BadgeTone> = { deny: 'danger', approval: 'warning', warn: 'brand' };

/** The organization's rules: the list (paginated), a form for new and edited rules, turn on/off, preview, delete. */
export function RulesManager({ slug, options, translationLocale, locale, timeZone }: { slug: string; options: RuleFormOptions; translationLocale: Locale; locale: string; timeZone: string }) {
  const t = useTranslations('rulesPage');
  const tl = useTranslations('rulesPage.list');
  const tr = useTranslations('rulesPage.row');
  const tf = useTranslations('rulesPage.form');
  const tk = useTranslations('rulesPage.kinds');
  const to = useTranslations('rulesPage.outcomes');
  const ti = useTranslations('rulesPage.issues');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const notify = useToast();
  // A rule's summary comes in the language of the request: the page's, not the browser's.
  const inLocale = { headers: { 'Accept-Language': locale } };

  const [page, setPage] = useState(1);
  const [list, setList] = useState<{ data: RuleDto[]; totalPages: number; total: number } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  // One form for new and edited rules: `editing` null with the dialog open is a new rule.
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<RuleDto | null>(null);
  const [draft, setDraft] = useState<RuleDraft>(emptyDraft);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const [deleting, setDeleting] = useState<RuleDto | null>(null);
  const [removing, setRemoving] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const [previewing, setPreviewing] = useState<RuleDto | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const load = useCallback(
    async (signal: AbortSignal) => {
      const result = await call(api.orgs[':slug'].rules.$get({ param: { slug }, query: { page: String(page), pageSize: String(PAGE_SIZE) } }, { headers: { 'Accept-Language': locale }, init: { signal } }), signal);
      if (signal.aborted) return;
      if (result.ok) {
        // A page emptied by a deletion: step back to the last page that has rules.
        if (result.data.data.length === 0 && page > 1) setPage(result.data.pagination.totalPages);
        setList({ data: result.data.data, totalPages: result.data.pagination.totalPages, total: result.data.pagination.total });
        setListError(null);
      } else if (result.error.code !== 'ABORTED') setListError(failureMessage(result, te));
    },
    [slug, page, locale, te],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, reload]);

  const resourceName = (id: string | null) => options.resources.find((r) => r.id === id)?.name ?? tr('unknownResource');
  const tierName = (id: string | null) => options.tiers.find((x) => x.id === id)?.name ?? tr('unknownTier');
  const scopeText = (rule: RuleDto) =>
    rule.scope === 'section' ? tr('scopeSection', { section: rule.section ?? '' }) : rule.scope === 'resource' ? tr('scopeResource', { resource: resourceName(rule.resourceId) }) : tr('scopeOrganization');

  function openNew() {
    setEditing(null);
    setDraft(emptyDraft);
    setFields({});
    setFormError(null);
    setFormOpen(true);
  }

  function openEdit(rule: RuleDto) {
    setEditing(rule);
    setDraft(draftFromRule(rule, translationLocale));
    setFields({});
    setFormError(null);
    setFormOpen(true);
  }

  function showProblems(problems: FieldErrors) {
    setFields(problems);
    const first = Object.keys(problems)[0];
    if (first) requestAnimationFrame(() => document.getElementById(fieldIdOf(first, draft.kind))?.focus());
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setFormError(null);
    const checked = checkDraft(draft, translationLocale, (key: RuleIssueKey, values) => ti(key, values), editing);
    if (!checked.ok) {
      setFormError(tf('fixErrors'));
      return showProblems(checked.fields);
    }
    setFields({});
    setSaving(true);
    const result = editing
      ? await call(api.orgs[':slug'].rules[':ruleId'].$patch({ param: { slug, ruleId: editing.id }, json: checked.input }, inLocale))
      : await call(api.orgs[':slug'].rules.$post({ param: { slug }, json: checked.input }, inLocale));
    setSaving(false);
    if (result.ok) {
      notify('success', editing ? tf('saved', { name: result.data.name }) : tf('created', { name: result.data.name }));
      setFormOpen(false);
      if (!editing) setPage(1);
      setReload((n) => n + 1);
      return;
    }
    // The server's own check (e.g. a tier or asset that was just deleted): shown on its field, input kept.
    const problems = Object.fromEntries(Object.entries(result.fields).map(([k, v]) => [k, sentence(v)]));
    setFormError(Object.keys(problems).length ? tf('fixErrors') : failureMessage(result, te));
    showProblems(problems);
  }

  async function switchActive(rule: RuleDto) {
    if (switching) return;
    setSwitching(rule.id);
    setRowError(null);
    const result = await call(api.orgs[':slug'].rules[':ruleId'].$patch({ param: { slug, ruleId: rule.id }, json: { active: !rule.active } }, inLocale));
    setSwitching(null);
    if (result.ok) {
      notify('success', result.data.active ? tr('activated', { name: rule.name }) : tr('deactivated', { name: rule.name }));
      setList((l) => (l ? { ...l, data: l.data.map((r) => (r.id === rule.id ? result.data : r)) } : l));
      return;
    }
    setRowError(failureMessage(result, te));
  }

  async function remove() {
    if (!deleting || removing) return;
    setRemoving(true);
    setDeleteError(null);
    const result = await call(api.orgs[':slug'].rules[':ruleId'].$delete({ param: { slug, ruleId: deleting.id } }));
    setRemoving(false);
    if (result.ok) {
      notify('success', tr('deleted', { name: deleting.name }));
      setDeleting(null);
      setReload((n) => n + 1);
      return;
    }
    setDeleteError(failureMessage(result, te));
  }

  return (
    <section aria-labelledby="rules-list-title" className="mt-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="rules-list-title" className="text-lg font-semibold text-slate-900">
          {tl('title')}
        </h2>
        <Button type="button" onClick={openNew}>
          {tl('newRule')}
        </Button>
      </div>

      {listError ? (
        <Alert tone="error" className="mt-3">
          <p>{listError}</p>
          <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={() => setReload((n) => n + 1)}>
            {tl('retry')}
          </Button>
        </Alert>
      ) : list === null ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner /> {t('loading')}
        </p>
      ) : list.data.length === 0 ? (
        <EmptyState className="mt-3" headingLevel="h3" title={tl('emptyTitle')} description={tl('emptyBody')} />
      ) : (
        <ul className="mt-3 space-y-3" data-testid="rule-list" aria-label={tl('count', { total: list.total })}>
          {list.data.map((rule) => (
            <li key={rule.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="rule-row">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h3 className="font-semibold break-words text-slate-900">{rule.name}</h3>
                  {rule.translations[translationLocale]?.name ? (
                    <p className="text-sm text-slate-600" lang={translationLocale}>
                      {rule.translations[translationLocale]?.name}
                    </p>
                  ) : null}
                </div>
                <div className="flex flex-wrap gap-1">
                  <Badge tone={outcomeTone[rule.outcome]}>{to(rule.outcome)}</Badge>
                  <Badge tone={rule.active ? 'success' : 'neutral'}>{rule.active ? tr('active') : tr('inactive')}</Badge>
                </div>
              </div>
              <p className="mt-2 text-sm text-slate-800" data-testid="rule-summary">
                {rule.summary}
              </p>
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
                <div className="flex gap-1">
                  <dt className="text-slate-600">{tr('kind')}</dt>
                  <dd className="text-slate-900">{tk(rule.kind)}</dd>
                </div>
                <div className="flex gap-1">
                  <dt className="text-slate-600">{tr('scope')}</dt>
                  <dd className="text-slate-900" data-testid="rule-scope">
                    {scopeText(rule)}
                  </dd>
                </div>
                <div className="flex gap-1">
                  <dt className="text-slate-600">{tr('tier')}</dt>
                  <dd className="text-slate-900">{rule.tierId ? tierName(rule.tierId) : tr('everyone')}</dd>
                </div>
                <div className="flex gap-1">
                  <dt className="text-slate-600">{tr('admins')}</dt>
                  <dd className="text-slate-900">{rule.adminsExempt ? tr('adminsExempt') : tr('adminsBound')}</dd>
                </div>
              </dl>
              <div className="mt-3 flex flex-wrap gap-2">
                <Button type="button" size="sm" variant="secondary" aria-label={tr('editLabel', { name: rule.name })} onClick={() => openEdit(rule)}>
                  {tr('edit')}
                </Button>
                <Button type="button" size="sm" variant="secondary" aria-label={tr('previewLabel', { name: rule.name })} onClick={() => setPreviewing(rule)}>
                  {tr('preview')}
                </Button>
                <Button
                  type="button"
                  size="sm"
                  variant="secondary"
                  loading={switching === rule.id}
                  disabled={!!switching && switching !== rule.id}
                  aria-label={rule.active ? tr('turnOffLabel', { name: rule.name }) : tr('turnOnLabel', { name: rule.name })}
                  onClick={() => switchActive(rule)}
                >
                  {rule.active ? tr('turnOff') : tr('turnOn')}
                </Button>
                <Button
                  type="button"
                  size="sm"
                  variant="ghost"
                  aria-label={tr('deleteLabel', { name: rule.name })}
                  onClick={() => {
                    setDeleting(rule);
                    setDeleteError(null);
                  }}
                >
                  {tr('delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <LiveRegion politeness="assertive">{rowError ? <Alert tone="error" className="mt-3">{rowError}</Alert> : null}</LiveRegion>
      {list && list.totalPages > 1 ? <Pager label={tl('pages')} page={page} totalPages={list.totalPages} onPage={setPage} /> : null}

      <Dialog
        open={formOpen}
        onClose={() => !saving && setFormOpen(false)}
        title={editing ? tf('editTitle', { name: editing.name }) : tf('newTitle')}
        closeLabel={tc('close')}
        className="max-w-2xl"
      >
        <form onSubmit={save} noValidate className="space-y-5" aria-label={editing ? tf('editTitle', { name: editing.name }) : tf('newTitle')}>
          <RuleForm draft={draft} onChange={setDraft} fields={fields} options={options} translationLocale={translationLocale} />
          <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setFormOpen(false)} disabled={saving}>
              {tf('cancel')}
            </Button>
            <Button type="submit" loading={saving} loadingText={editing ? tf('saving') : tf('creating')}>
              {editing ? tf('save') : tf('create')}
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog
        open={!!deleting}
        onClose={() => !removing && setDeleting(null)}
        title={tr('confirmTitle', { name: deleting?.name ?? '' })}
        description={tr('confirmBody')}
        closeLabel={tc('close')}
      >
        <LiveRegion politeness="assertive">{deleteError ? <Alert tone="error" className="mb-4">{deleteError}</Alert> : null}</LiveRegion>
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" data-autofocus onClick={() => setDeleting(null)} disabled={removing}>
            {tf('cancel')}
          </Button>
          <Button type="button" variant="danger" loading={removing} loadingText={tr('deleting')} onClick={remove}>
            {tr('confirmDelete')}
          </Button>
        </div>
      </Dialog>

      <Dialog open={!!previewing} onClose={() => setPreviewing(null)} title={tr('previewTitle', { name: previewing?.name ?? '' })} closeLabel={tc('close')}>
        {previewing ? <RulePreview slug={slug} ruleId={previewing.id} locale={locale} timeZone={timeZone} /> : null}
      </Dialog>
    </section>
  );
}

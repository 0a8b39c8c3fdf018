'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { SelectField, TextField } from '@/ui/field';
import { Spinner } from '@/ui/spinner';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';
import type { InvitationDto } from '@/modules/organizations';

const inviteRoles = ['admin', 'manager', 'staff', 'member', 'viewer'] as const;
const statuses = ['pending', 'accepted', 'revoked'] as const;

type Invitation = InvitationDto;

/** Invite people by email and follow the invitations: the accept link is shown once, to copy. */
export function Invitations({ slug, locale, timeZone }: { slug: string; locale: string; timeZone: string }) {
  const t = useTranslations('teamPage.invitations');
  const tr = useTranslations('dashboard.roles');
  const te = useTranslations('dashboard.errors');
  const notify = useToast();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<(typeof inviteRoles)[number]>('staff');
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const [status, setStatus] = useState<'' | (typeof statuses)[number]>('pending');
  const [list, setList] = useState<Invitation[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [revoking, setRevoking] = useState<string | null>(null);


  const load = useCallback(
    async (signal: AbortSignal) => {
      const invitations = api.orgs[':slug'].invitations;
      const result = await call(invitations.$get({ param: { slug }, query: { pageSize: '50', ...(status ? { status } : {}) } }, { init: { signal } }), signal);
      if (signal.aborted) return;
      if (result.ok) {
        setList(result.data.data);
        setListError(null);
      } else if (result.error.code !== 'ABORTED') {
        setListError(failureMessage(result, te));
      }
    },
    [slug, status, te],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, reload]);

  async function invite(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (sending) return;
    setFormError(null);
    setCopied(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setFields({ email: t('emailInvalid') });
      document.getElementById('invite-email')?.focus();
      return;
    }
    setFields({});
    setSending(true);
    const result = await call(api.orgs[':slug'].invitations.$post({ param: { slug }, json: { email: email.trim(), role } }));
    setSending(false);
    if (result.ok) {
      setLink({ email: result.data.email, url: result.data.acceptUrl });
      setEmail('');
      notify('success', t('sent', { email: result.data.email }));
      setReload((n) => n + 1);
      return;
    }
    const f = Object.fromEntries(Object.entries(result.fields).map(([k, v]) => [k, result.status === 409 ? result.error.message : sentence(v)]));
    setFields(f);
    if (f.email) document.getElementById('invite-email')?.focus();
    else setFormError(result.status === 403 ? result.error.message : failureMessage(result, te));
  }

  async function copyLink() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(t('copied'));
    } catch {
      setCopied(t('copyFailed'));
    }
  }

  async function revoke(inv: Invitation) {
    if (revoking) return;
    setRevoking(inv.id);
    const result = await call(api.orgs[':slug'].invitations[':invitationId'].$delete({ param: { slug, invitationId: inv.id } }));
    setRevoking(null);
    if (result.ok) {
      notify('success', t('revoked', { email: inv.email }));
      setReload((n) => n + 1);
      return;
    }
    notify('error', result.status === 409 ? result.error.message : failureMessage(result, te));
  }

  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));

  return (
    <section aria-labelledby="invitations-title" className="mt-10">
      <h2 id="invitations-title" className="text-lg font-semibold text-slate-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('description')}</p>

      <form onSubmit={invite} noValidate className="mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <LiveRegion politeness="assertive">{formError ? <Alert tone="error" className="mb-4">{formError}</Alert> : null}</LiveRegion>
        <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
          <TextField id="invite-email" type="email" label={t('email')} autoComplete="off" required maxLength={254} value={email} error={fields.email} onChange={(e) => setEmail(e.target.value)} />
          <SelectField id="invite-role" label={t('role')} value={role} error={fields.role} onChange={(e) => setRole(e.target.value as (typeof inviteRoles)[number])}>
            {inviteRoles.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </SelectField>
          <Button type="submit" loading={sending} loadingText={t('sending')} className={fields.email || fields.role ? 'sm:mb-7' : undefined}>
            {t('send')}
          </Button>
        </div>
        {link ? (
          <div className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900" data-testid="accept-link">
            <p className="font-medium">{t('linkTitle', { email: link.email })}</p>
            <p className="mt-1">{t('linkBody')}</p>
            <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
              <label htmlFor="invite-link" className="sr-only">
                {t('linkLabel')}
              </label>
              <input id="invite-link" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-2 py-1.5 font-mono text-xs text-slate-900" />
              <Button type="button" size="sm" variant="secondary" onClick={copyLink}>
                {t('copy')}
              </Button>
            </div>
            <LiveRegion>{copied ? <p className="mt-1">{copied}</p> : null}</LiveRegion>
          </div>
        ) : null}
      </form>

      <div className="mt-6 flex flex-wrap items-end justify-between gap-3">
        <h3 className="text-base font-semibold text-slate-900">{t('listTitle')}</h3>
        <SelectField id="invitation-status" label={t('statusFilter')} value={status} onChange={(e) => setStatus(e.target.value as typeof status)} className="w-44">
          <option value="">{t('status.all')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>

      {listError ? (
        <Alert tone="error" className="mt-3">
          <p>{listError}</p>
          <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={() => setReload((n) => n + 1)}>
            {t('retry')}
          </Button>
        </Alert>
      ) : list === null ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner /> {t('loading')}
        </p>
      ) : list.length === 0 ? (
        <p className="mt-3 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">{t('empty')}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={t('listTitle')} data-testid="invitation-list">
          {list.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-medium break-all text-slate-900">{inv.email}</p>
                <p className="text-slate-600">
                  {tr(inv.role)} · {t('sentOn', { date: date(inv.createdAt) })} · {inv.expired ? t('expiredOn', { date: date(inv.expiresAt) }) : t('expiresOn', { date: date(inv.expiresAt) })}
                </p>
              </div>
              <div className="flex items-center gap-2">
                {inv.expired ? <Badge tone="warning">{t('expired')}</Badge> : null}
                <Badge tone={inv.status === 'accepted' ? 'success' : inv.status === 'pending' ? 'brand' : 'neutral'}>{t(`status.${inv.status}`)}</Badge>
                {inv.status === 'pending' ? (
                  <Button type="button" size="sm" variant="ghost" loading={revoking === inv.id} loadingText={t('revoking')} onClick={() => revoke(inv)} aria-label={t('revokeLabel', { email: inv.email })}>
                    {t('revoke')}
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

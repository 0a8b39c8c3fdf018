'use client';

import { DateTime } from 'luxon';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import type { ResourceDto } from '@/modules/catalog';
import { blackoutKinds, type ContentLocale } from '@/modules/catalog/schemas';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';

export type ResourceOption = Pick<ResourceDto, 'id' | 'name'>;

interface RangeDraft {
  uid: number;
  start: string;
  end: string;
}
let seq = 0;

function ScopeSelect({ id, value, onChange, resources, error }: { id: string; value: string; onChange: (v: string) => void; resources: ResourceOption[]; error?: string }) {
  const t = useTranslations('catalogPage.closures');
  return (
    <SelectField id={id} label={t('scope')} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      <option value="">{t('wholeOrganization')}</option>
      {resources.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </SelectField>
  );
}

/** A closed day or special hours on one date (POST upserts: the same date and scope is replaced). */
export function OverrideForm({ slug, resources }: { slug: string; resources: ResourceOption[] }) {
  const t = useTranslations('catalogPage.closures');
  const te = useTranslations('catalogPage.errors');
  const router = useRouter();
  const notify = useToast();
  const [date, setDate] = useState('');
  const [resourceId, setResourceId] = useState('');
  const [closed, setClosed] = useState(true);
  const [ranges, setRanges] = useState<RangeDraft[]>([{ uid: ++seq, start: '09:00', end: '13:00' }]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const err = (p: string) => (errors[p] ? sentence(errors[p]) : undefined);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    const result = await call(
      api.orgs[':slug']['date-overrides'].$post({
        param: { slug },
        json: { date, resourceId: resourceId || null, ranges: closed ? [] : ranges.map(({ start, end }) => ({ start, end })), reason: reason.trim() || null },
      }),
    );
    setSaving(false);
    if (!result.ok) {
      setErrors(result.fields);
      const message = Object.keys(result.fields).length ? t('fixErrors') : failureMessage(result, te);
      setFormError(message);
      setStatus(message);
      return;
    }
    setErrors({});
    setFormError(null);
    setStatus(t('overrideSaved'));
    notify('success', t('overrideSaved'));
    setDate('');
    setReason('');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <LiveRegion className="sr-only">{status}</LiveRegion>
      <h3 className="text-base font-semibold text-slate-900">{t('addOverride')}</h3>
      {formError ? (
        <Alert tone="error" title={formError}>
          {null}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="ov-date" type="date" label={t('date')} required value={date} onChange={(e) => setDate(e.target.value)} error={err('date')} />
        <ScopeSelect id="ov-scope" value={resourceId} onChange={setResourceId} resources={resources} error={err('resourceId')} />
        <CheckboxField id="ov-closed" label={t('closedAllDay')} checked={closed} onChange={(e) => setClosed(e.target.checked)} className="sm:col-span-2" />
      </div>
      {!closed ? (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold text-slate-900">{t('specialHours')}</legend>
          {err('ranges') ? <p className="text-sm font-medium text-red-700">{err('ranges')}</p> : null}
          <ul className="space-y-3">
            {ranges.map((r, i) => (
              <li key={r.uid} className="flex flex-col gap-2 sm:flex-row sm:items-end" role="group" aria-label={t('rangeN', { n: i + 1 })}>
                <TextField
                  id={`ov-${r.uid}-start`}
                  type="time"
                  label={t('opens', { n: i + 1 })}
                  value={r.start}
                  onChange={(e) => setRanges((l) => l.map((x) => (x.uid === r.uid ? { ...x, start: e.target.value } : x)))}
                  error={err(`ranges.${i}.start`) ?? err(`ranges.${i}`)}
                  className="sm:w-40"
                />
                <TextField
                  id={`ov-${r.uid}-end`}
                  type="time"
                  label={t('closes', { n: i + 1 })}
                  value={r.end}
                  onChange={(e) => setRanges((l) => l.map((x) => (x.uid === r.uid ? { ...x, end: e.target.value } : x)))}
                  error={err(`ranges.${i}.end`)}
                  className="sm:w-40"
                />
                {ranges.length > 1 ? (
                  <Button type="button" variant="ghost" size="sm" aria-label={t('removeRange', { n: i + 1 })} onClick={() => setRanges((l) => l.filter((x) => x.uid !== r.uid))}>
                    {t('remove')}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
          <Button type="button" variant="secondary" size="sm" onClick={() => setRanges((l) => [...l, { uid: ++seq, start: '14:00', end: '18:00' }])}>
            {t('addRange')}
          </Button>
        </fieldset>
      ) : null}
      <TextField id="ov-reason" label={t('reason')} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} error={err('reason')} />
      <Button type="submit" disabled={saving}>
        {saving ? t('saving') : t('saveOverride')}
      </Button>
    </form>
  );
}

type BlackoutKind = (typeof blackoutKinds)[number];

/**
 * A blackout between two wall-clock times in the organization's zone, sent as instants with
 * offsets, with its kind (a maintenance window is shown publicly with its reason) and the reason
 * in each language the organization translates into.
 */
export function BlackoutForm({ slug, timezone, resources, translateInto }: { slug: string; timezone: string; resources: ResourceOption[]; translateInto: ContentLocale[] }) {
  const t = useTranslations('catalogPage.closures');
  const te = useTranslations('catalogPage.errors');
  const router = useRouter();
  const notify = useToast();
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [resourceId, setResourceId] = useState('');
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<BlackoutKind>('closure');
  const [translated, setTranslated] = useState<Partial<Record<ContentLocale, string>>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const err = (p: string) => (errors[p] ? sentence(errors[p]) : undefined);
  const instant = (local: string) => (local ? (DateTime.fromISO(local, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? local) : local);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const local: FieldErrors = {};
    if (!start) local.startsAt = t('required');
    if (!end) local.endsAt = t('required');
    if (Object.keys(local).length) {
      setErrors(local);
      setFormError(t('fixErrors'));
      return;
    }
    setSaving(true);
    const result = await call(
      api.orgs[':slug'].blackouts.$post({
        param: { slug },
        json: {
          startsAt: instant(start),
          endsAt: instant(end),
          resourceId: resourceId || null,
          kind,
          reason: reason.trim() || null,
          translations: Object.fromEntries(translateInto.flatMap((l) => (translated[l]?.trim() ? [[l, { reason: translated[l]!.trim() }]] : []))),
        },
      }),
    );
    setSaving(false);
    if (!result.ok) {
      setErrors(result.fields);
      const message = Object.keys(result.fields).length ? t('fixErrors') : failureMessage(result, te);
      setFormError(message);
      setStatus(message);
      return;
    }
    setErrors({});
    setFormError(null);
    setStatus(t('blackoutSaved'));
    notify('success', t('blackoutSaved'));
    setStart('');
    setEnd('');
    setReason('');
    setKind('closure');
    setTranslated({});
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <LiveRegion className="sr-only">{status}</LiveRegion>
      <h3 className="text-base font-semibold text-slate-900">{t('addBlackout')}</h3>
      {formError ? (
        <Alert tone="error" title={formError}>
          {null}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="bo-start" type="datetime-local" label={t('startsAt')} hint={t('inZone', { zone: timezone })} required value={start} onChange={(e) => setStart(e.target.value)} error={err('startsAt')} />
        <TextField id="bo-end" type="datetime-local" label={t('endsAt')} hint={t('inZone', { zone: timezone })} required value={end} onChange={(e) => setEnd(e.target.value)} error={err('endsAt')} />
        <ScopeSelect id="bo-scope" value={resourceId} onChange={setResourceId} resources={resources} error={err('resourceId')} />
        <SelectField id="bo-kind" label={t('kind')} hint={t('kindHint')} value={kind} onChange={(e) => setKind(e.target.value as BlackoutKind)} error={err('kind')}>
          {blackoutKinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="bo-reason" label={t('reason')} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} error={err('reason')} />
        {translateInto.map((l) => (
          <TextField
            key={l}
            id={`bo-reason-${l}`}
            lang={l}
            label={t('reasonIn', { language: t(`languages.${l}`) })}
            maxLength={200}
            value={translated[l] ?? ''}
            onChange={(e) => setTranslated((v) => ({ ...v, [l]: e.target.value }))}
            error={err(`translations.${l}.reason`)}
          />
        ))}
      </div>
      <Button type="submit" disabled={saving}>
        {saving ? t('saving') : t('saveBlackout')}
      </Button>
    </form>
  );
}

/** Deletes one override or blackout after a browser confirmation. */
export function DeleteClosureButton({ slug, closure, label }: { slug: string; closure: { overrideId: string } | { blackoutId: string }; label: string }) {
  const t = useTranslations('catalogPage.closures');
  const te = useTranslations('catalogPage.errors');
  const router = useRouter();
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  async function run() {
    if (!window.confirm(t('confirmDelete', { what: label }))) return;
    setBusy(true);
    const result =
      'overrideId' in closure
        ? await call(api.orgs[':slug']['date-overrides'][':overrideId'].$delete({ param: { slug, overrideId: closure.overrideId } }))
        : await call(api.orgs[':slug'].blackouts[':blackoutId'].$delete({ param: { slug, blackoutId: closure.blackoutId } }));
    setBusy(false);
    if (!result.ok) {
      notify('error', failureMessage(result, te));
      return;
    }
    notify('success', t('deleted'));
    router.refresh();
  }
  return (
    <Button type="button" variant="ghost" size="sm" disabled={busy} onClick={run} aria-label={t('deleteLabel', { what: label })}>
      {t('delete')}
    </Button>
  );
}

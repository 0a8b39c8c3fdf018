'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage } from '@/app/_lib/api';
import type { NotificationSettingsDto } from '@/modules/inbox/schemas';

const keys = ['emailNewRequests', 'emailNewBookings', 'emailCancellations', 'emailReschedules'] as const;

/** Which staff emails this member gets; in-app notifications always arrive. */
export function NotificationSettingsForm({ slug, initial }: { slug: string; initial: NotificationSettingsDto }) {
  const t = useTranslations('inbox.settings');
  const te = useTranslations('dashboard.errors');
  const notify = useToast();
  const [values, setValues] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    const res = await call(api.orgs[':slug']['notification-settings'].$patch({ param: { slug }, json: values }));
    setSaving(false);
    if (!res.ok) return setError(failureMessage(res, te));
    setError(null);
    setValues(res.data);
    notify('success', t('saved'));
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
      {error ? (
        <Alert tone="error" title={t('failed')}>
          {error}
        </Alert>
      ) : null}
      <fieldset className="space-y-3 rounded-md border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">{t('legend')}</legend>
        {keys.map((k) => (
          <CheckboxField key={k} id={`inbox-${k}`} label={t(k)} checked={values[k]} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.checked }))} />
        ))}
      </fieldset>
      <Button type="submit" disabled={saving}>
        {saving ? t('saving') : t('save')}
      </Button>
    </form>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { SelectField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage } from '@/app/_lib/api';

const NONE = '';

/** A member's tier for owners and admins: pick one (or none) and save; the API's reason is shown as given. */
export function TierSelect({ slug, member, tiers }: { slug: string; member: { id: string; name: string; tierId: string | null }; tiers: { id: string; name: string }[] }) {
  const t = useTranslations('tiersPage.member');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const current = member.tierId ?? NONE;
  const [value, setValue] = useState(current);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    if (saving || value === current) return;
    setSaving(true);
    setError(null);
    const tierId = value === NONE ? null : value;
    const result = await call(api.orgs[':slug'].members[':memberId'].tier.$put({ param: { slug, memberId: member.id }, json: { tierId } }));
    setSaving(false);
    if (result.ok) {
      notify('success', result.data.tier ? t('changed', { name: member.name, tier: result.data.tier.name }) : t('cleared', { name: member.name }));
      router.refresh();
      return;
    }
    setError(result.status === 404 || result.status === 409 ? result.error.message : failureMessage(result, te));
    setValue(current);
  }

  return (
    <div className="min-w-36 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <SelectField
          id={`tier-${member.id}`}
          label={<span className="sr-only">{t('tierFor', { name: member.name })}</span>}
          value={value}
          disabled={saving}
          onChange={(e) => setValue(e.target.value)}
          className="min-w-32"
        >
          <option value={NONE}>{t('none')}</option>
          {tiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name}
            </option>
          ))}
        </SelectField>
        {value !== current ? (
          <Button type="button" size="sm" loading={saving} loadingText={t('saving')} onClick={save}>
            {t('save')}
          </Button>
        ) : null}
      </div>
      <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
    </div>
  );
}

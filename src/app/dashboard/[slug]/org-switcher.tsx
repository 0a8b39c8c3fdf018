'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { SelectField } from '@/ui/field';

export function OrgSwitcher({ organizations, current }: { organizations: { slug: string; name: string }[]; current: string }) {
  const router = useRouter();
  const t = useTranslations('dashboard.shell');
  const [pending, startTransition] = useTransition();
  // The choice shows at once while the next organization's pages load.
  const [selected, setSelected] = useState(current);
  const [seen, setSeen] = useState(current);
  if (seen !== current) {
    setSeen(current);
    setSelected(current);
  }

  return (
    <SelectField
      id="org-switcher"
      label={t('organization')}
      value={selected}
      aria-busy={pending || undefined}
      hint={pending ? t('switching') : undefined}
      onChange={(e) => {
        const slug = e.target.value;
        setSelected(slug);
        startTransition(() => router.push(`/dashboard/${slug}`));
      }}
    >
      {organizations.map((o) => (
        <option key={o.slug} value={o.slug}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { SelectField } from '@/ui/field';

export function OrgSwitcher({ organizations, current }: { organizations: { slug: string; name: string }[]; current: string }) {
  const router = useRouter();
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
      label="Organization"
      value={selected}
      aria-busy={pending || undefined}
      hint={pending ? 'Switching…' : undefined}
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

'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/ui/button';

/** Previous / next for the rules and approvals lists (loaded in the browser). */
export function Pager({ label, page, totalPages, onPage }: { label: string; page: number; totalPages: number; onPage: (page: number) => void }) {
  const t = useTranslations('rulesPage.pager');
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-3 text-sm">
      <Button type="button" size="sm" variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('previous')}
      </Button>
      <span className="text-slate-700" aria-live="polite">
        {t('pageOf', { page, totalPages })}
      </span>
      <Button type="button" size="sm" variant="secondary" disabled={page >= totalPages} onClick={() => onPage(page + 1)}>
        {t('next')}
      </Button>
    </nav>
  );
}

import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/ui/button';

interface PaginationProps {
  /** Names the navigation landmark, e.g. "Bookings pages". */
  label: string;
  page: number;
  totalPages: number;
  hasMore: boolean;
  /** The URL of page `p`, with the list's filters kept. */
  href: (p: number) => string;
  className?: string;
}

/** Previous / "Page 2 of 5" / Next, as links so each page has its own URL. */
export async function Pagination({ label, page, totalPages, hasMore, href, className }: PaginationProps) {
  if (totalPages <= 1 && page <= 1) return null;
  const t = await getTranslations('dashboard.pagination');
  return (
    <nav aria-label={label} className={`flex items-center justify-between gap-3 text-sm ${className ?? ''}`}>
      <PageLink href={page > 1 ? href(Math.min(page - 1, totalPages)) : null} rel="prev">
        {t('previous')}
      </PageLink>
      <span className="text-center text-slate-700">{t('pageOf', { page, totalPages })}</span>
      <PageLink href={hasMore ? href(page + 1) : null} rel="next">
        {t('next')}
      </PageLink>
    </nav>
  );
}

function PageLink({ href, rel, children }: { href: string | null; rel: 'prev' | 'next'; children: string }) {
  if (!href) {
    return (
      <span aria-disabled="true" className={buttonClasses({ variant: 'secondary', size: 'sm', className: 'pointer-events-none opacity-60' })}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} rel={rel} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
      {children}
    </Link>
  );
}

import Link from 'next/link';
import { cx, focusRing } from '@/ui/class-names';

/**
 * A column header that sorts the list by that column. The th carries aria-sort; the link
 * says (to screen readers) which way it will sort, the arrow shows the current order.
 */
export function SortHeaderLink({ href, label, state, hint }: { href: string; label: string; state: 'ascending' | 'descending' | null; hint: string }) {
  return (
    <Link href={href} className={cx('inline-flex items-center gap-1 rounded-sm hover:text-slate-900 hover:underline', focusRing)}>
      {label}
      <span className="sr-only">, {hint}</span>
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={cx('size-4 shrink-0', state ? 'text-slate-900' : 'text-slate-500')}>
        {state === 'ascending' ? (
          <path d="M10 5a1 1 0 0 1 .7.3l4 4a1 1 0 0 1-1.4 1.4L10 7.4l-3.3 3.3a1 1 0 0 1-1.4-1.4l4-4A1 1 0 0 1 10 5Z" />
        ) : state === 'descending' ? (
          <path d="M10 15a1 1 0 0 1-.7-.3l-4-4a1 1 0 0 1 1.4-1.4l3.3 3.3 3.3-3.3a1 1 0 0 1 1.4 1.4l-4 4a1 1 0 0 1-.7.3Z" />
        ) : (
          <path d="M10 3a1 1 0 0 1 .7.3l3 3a1 1 0 0 1-1.4 1.4L10 5.4 7.7 7.7a1 1 0 0 1-1.4-1.4l3-3A1 1 0 0 1 10 3Zm-3.7 9.3a1 1 0 0 1 1.4 0l2.3 2.3 2.3-2.3a1 1 0 0 1 1.4 1.4l-3 3a1 1 0 0 1-1.4 0l-3-3a1 1 0 0 1 0-1.4Z" />
        )}
      </svg>
    </Link>
  );
}

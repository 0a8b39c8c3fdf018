import { cx } from '@/ui/class-names';

/** A rating as five stars, read out as its label ("4 out of 5 stars"). */
export function Stars({ rating, label, className }: { rating: number; label: string; className?: string }) {
  const full = Math.round(rating);
  return (
    <span role="img" aria-label={label} className={cx('inline-flex text-amber-700', className)}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} aria-hidden="true" className={n <= full ? undefined : 'text-slate-500'}>
          {n <= full ? '★' : '☆'}
        </span>
      ))}
    </span>
  );
}

import type { ReactNode } from 'react';
import { cx } from './class-names';

/** A grey placeholder block; hidden from assistive tech, which hears the LoadingRegion label. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cx('animate-pulse rounded-md bg-slate-200 motion-reduce:animate-none', className)} />;
}

export function LoadingRegion({ label = 'Loading…', children, className }: { label?: string; children: ReactNode; className?: string }) {
  return (
    <div role="status" aria-live="polite" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

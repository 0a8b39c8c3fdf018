import type { ReactNode } from 'react';
import { cx } from './class-names';

export function EmptyState({
  title,
  description,
  action,
  className,
  headingLevel = 'h2',
}: {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
  headingLevel?: 'h1' | 'h2' | 'h3';
}) {
  const Heading = headingLevel;
  return (
    <div className={cx('rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center', className)}>
      <Heading className="text-base font-semibold text-slate-900">{title}</Heading>
      {description ? <div className="mx-auto mt-2 max-w-prose text-sm text-slate-600">{description}</div> : null}
      {action ? <div className="mt-5 flex flex-wrap justify-center gap-3">{action}</div> : null}
    </div>
  );
}

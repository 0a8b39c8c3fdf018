import type { ReactNode } from 'react';
import { cx } from './class-names';

type AlertTone = 'info' | 'success' | 'warning' | 'error';

const tones: Record<AlertTone, string> = {
  info: 'border-sky-300 bg-sky-50 text-sky-900',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  warning: 'border-amber-300 bg-amber-50 text-amber-900',
  error: 'border-red-300 bg-red-50 text-red-900',
};

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  /** For alerts rendered with the page; use LiveRegion for messages that appear later. */
  role?: 'alert' | 'status';
}

export function Alert({ tone = 'info', title, children, className, role }: AlertProps) {
  return (
    <div role={role} className={cx('rounded-md border px-4 py-3 text-sm', tones[tone], className)}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? 'mt-1' : undefined}>{children}</div> : null}
    </div>
  );
}

/**
 * Screen readers only announce changes inside a live region that already exists, so the
 * wrapper is always rendered and the message is swapped inside it.
 */
export function LiveRegion({
  politeness = 'polite',
  className,
  children,
}: {
  politeness?: 'polite' | 'assertive';
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div aria-live={politeness} aria-atomic="true" className={className}>
      {children}
    </div>
  );
}

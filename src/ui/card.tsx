import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './class-names';

export interface CardProps extends HTMLAttributes<HTMLElement> {
  /** `section` when the card has its own heading, so it shows in the page outline. */
  as?: 'div' | 'section' | 'article' | 'aside' | 'li';
}

export function Card({ as: Tag = 'div', className, ...rest }: CardProps) {
  return <Tag className={cx('rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6', className)} {...rest} />;
}

export function CardTitle({
  as: Tag = 'h2',
  className,
  children,
  id,
}: {
  as?: 'h2' | 'h3';
  className?: string;
  children: ReactNode;
  id?: string;
}) {
  return (
    <Tag id={id} className={cx('text-base font-semibold text-slate-900', className)}>
      {children}
    </Tag>
  );
}

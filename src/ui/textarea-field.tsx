import type { ReactNode, Ref, TextareaHTMLAttributes } from 'react';
import { cx, focusRing } from './class-names';

export interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Classes for the wrapper; the textarea keeps the shared look. */
  className?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** Multi-line text with the same label / hint / error wiring as TextField (see field.tsx). */
export function TextareaField({ id, label, hint, error, className, rows = 4, ...rest }: TextareaFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        className={cx(
          'block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500',
          'disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600',
          focusRing,
          error ? 'border-red-600' : 'border-slate-400',
        )}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

'use client';

import { useState } from 'react';
import { cx, focusRing } from '@/ui/class-names';

/**
 * A whole number between `min` and `max`: − and + buttons around a number input (typing works
 * too; the buttons say what they do to screen readers and are disabled at the bounds). A typed
 * value outside the bounds is kept as typed until the field loses focus, then clamped.
 */
export function Stepper({
  id,
  label,
  hint,
  value,
  min,
  max,
  onChange,
  decreaseLabel,
  increaseLabel,
  disabled = false,
}: {
  id: string;
  label: string;
  hint?: string;
  value: number;
  min: number;
  max: number;
  onChange: (next: number) => void;
  decreaseLabel: string;
  increaseLabel: string;
  disabled?: boolean;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  const clamp = (n: number) => Math.min(max, Math.max(min, n));
  const shown = typed ?? String(value);
  const step = (d: number) => {
    setTyped(null);
    onChange(clamp(value + d));
  };
  const button = cx(
    'grid size-10 shrink-0 place-items-center rounded-md border border-slate-300 bg-white text-lg font-semibold text-slate-900 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:text-slate-400',
    focusRing,
  );
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <button type="button" className={button} aria-label={decreaseLabel} aria-controls={id} disabled={disabled || value <= min} onClick={() => step(-1)}>
          <span aria-hidden="true">−</span>
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={shown}
          disabled={disabled}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => {
            const raw = e.target.value;
            setTyped(raw);
            const n = Number(raw);
            if (raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max) onChange(n);
          }}
          onBlur={() => setTyped(null)}
          className={cx('block h-10 w-20 rounded-md border border-slate-400 bg-white px-2 text-center text-sm text-slate-900 tabular-nums shadow-sm', focusRing)}
        />
        <button type="button" className={button} aria-label={increaseLabel} aria-controls={id} disabled={disabled || value >= max} onClick={() => step(1)}>
          <span aria-hidden="true">+</span>
        </button>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { sentence } from '@/app/_lib/api';

/**
 * A repeater of one-line texts (features, benefits, photo URLs) in a fieldset: add, remove,
 * move up/down with buttons (keyboard reachable). Errors come keyed by the row's index.
 */
export function ListEditor({
  id,
  legend,
  hint,
  items,
  onChange,
  errors,
  errorPrefix,
  max,
  maxLength,
  itemLabel,
  type = 'text',
  disabled,
}: {
  id: string;
  legend: string;
  hint?: string;
  items: string[];
  onChange: (items: string[]) => void;
  errors: Record<string, string>;
  errorPrefix: string;
  max: number;
  maxLength?: number;
  itemLabel: (n: number) => string;
  type?: string;
  disabled?: boolean;
}) {
  const t = useTranslations('catalogPage.repeater');
  const move = (i: number, d: number) => {
    const next = [...items];
    const [row] = next.splice(i, 1);
    next.splice(i + d, 0, row!);
    onChange(next);
  };
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 sm:p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      {errors[errorPrefix] ? <p className="text-sm font-medium text-red-700">{sentence(errors[errorPrefix])}</p> : null}
      {items.length === 0 ? <p className="text-sm text-slate-600">{t('empty')}</p> : null}
      <ol className="space-y-3">
        {items.map((item, i) => (
          <li key={i} className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <TextField
              id={`${id}-${i}`}
              label={itemLabel(i + 1)}
              type={type}
              value={item}
              maxLength={maxLength}
              disabled={disabled}
              error={errors[`${errorPrefix}.${i}`] ? sentence(errors[`${errorPrefix}.${i}`]!) : undefined}
              onChange={(e) => onChange(items.map((x, j) => (j === i ? e.target.value : x)))}
              className="min-w-0 flex-1"
            />
            <div className="flex gap-1">
              <Button type="button" variant="ghost" size="sm" disabled={disabled || i === 0} onClick={() => move(i, -1)} aria-label={t('moveUp', { item: itemLabel(i + 1) })}>
                ↑
              </Button>
              <Button type="button" variant="ghost" size="sm" disabled={disabled || i === items.length - 1} onClick={() => move(i, 1)} aria-label={t('moveDown', { item: itemLabel(i + 1) })}>
                ↓
              </Button>
              <Button type="button" variant="ghost" size="sm" disabled={disabled} onClick={() => onChange(items.filter((_, j) => j !== i))} aria-label={t('remove', { item: itemLabel(i + 1) })}>
                {t('removeShort')}
              </Button>
            </div>
          </li>
        ))}
      </ol>
      {!disabled && items.length < max ? (
        <Button type="button" variant="secondary" size="sm" onClick={() => onChange([...items, ''])}>
          {t('add', { what: legend })}
        </Button>
      ) : null}
    </fieldset>
  );
}

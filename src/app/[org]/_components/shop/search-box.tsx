'use client';

/**
 * The product search box with as-you-type suggestions: an ARIA 1.2 combobox (the input owns a
 * listbox; aria-expanded, aria-activedescendant; ↓/↑ move, Enter opens the highlighted product
 * or searches, Escape closes). Suggestions come from the API's suggest route, 200 ms after the
 * last key; a newer keystroke cancels the older request. Without JavaScript it is a GET form.
 */
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { api, call } from '@/app/_lib/api';
import { Button } from '@/ui/button';

interface Suggestion {
  slug: string;
  title: string;
}

export function SearchBox({ slug, initial, hidden }: { slug: string; initial: string; hidden: Record<string, string> }) {
  const t = useTranslations('shop');
  const locale = useLocale() === 'es' ? 'es' : 'en';
  const router = useRouter();
  const id = useId();
  const listId = `${id}-list`;
  const [value, setValue] = useState(initial);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);

  useEffect(() => setValue(initial), [initial]);

  useEffect(() => {
    const q = value.trim();
    // The API suggests from the second character on (one letter narrows nothing).
    if (!typed.current || [...q].length < 2) {
      setItems([]);
      setOpen(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const r = await call(api.public.orgs[':slug']['product-suggestions'].$get({ param: { slug }, query: { q, lang: locale } }, { init: { signal: controller.signal } }), controller.signal);
      if (controller.signal.aborted) return;
      if (r.ok) {
        setItems(r.data.data);
        setOpen(true);
        setActive(-1);
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, slug, locale]);

  const go = (s: Suggestion) => {
    setOpen(false);
    router.push(`/${slug}/products/${s.slug}`);
  };

  return (
    <form role="search" action={`/${slug}/products`} method="get" className="flex items-end gap-2" onSubmit={() => setOpen(false)}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="relative flex-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-900">
          {t('searchLabel')}
        </label>
        <input
          id={id}
          name="q"
          type="text"
          role="combobox"
          autoComplete="off"
          maxLength={100}
          aria-autocomplete="list"
          aria-expanded={open && items.length > 0}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          placeholder={t('searchPlaceholder')}
          value={value}
          onChange={(e) => {
            typed.current = true;
            setValue(e.target.value);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && items.length > 0) {
              e.preventDefault();
              setOpen(true);
              setActive((a) => (a + 1) % items.length);
            } else if (e.key === 'ArrowUp' && items.length > 0) {
              e.preventDefault();
              setOpen(true);
              setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
            } else if (e.key === 'Escape' && open) {
              e.preventDefault();
              setOpen(false);
              setActive(-1);
            } else if (e.key === 'Enter' && open && active >= 0 && items[active]) {
              e.preventDefault();
              go(items[active]);
            }
          }}
          className="mt-1 h-10 w-full rounded-md border border-slate-300 px-3 text-sm focus:outline-2 focus:outline-indigo-600"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={t('suggestions')}
          hidden={!open || items.length === 0}
          className="absolute inset-x-0 top-full z-20 mt-1 max-h-72 overflow-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {items.map((s, i) => (
            <li
              key={s.slug}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => go(s)}
              className={`cursor-pointer px-3 py-2 text-sm ${i === active ? 'bg-indigo-600 text-white' : 'text-slate-900 hover:bg-slate-100'}`}
            >
              {s.title}
            </li>
          ))}
        </ul>
        <p aria-live="polite" className="sr-only">
          {open ? t('suggestionsCount', { count: items.length }) : ''}
        </p>
      </div>
      <Button type="submit">{t('searchButton')}</Button>
    </form>
  );
}

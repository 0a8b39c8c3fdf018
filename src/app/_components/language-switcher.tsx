'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { LOCALE_COOKIE, type Locale } from '@/i18n/locales';
import { cx, focusRing } from '@/ui/class-names';

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/**
 * English / Español. The choice is a cookie (wins over the organization's and the browser's
 * language, see src/i18n/request.ts); a refresh re-renders the server components in it while
 * client state (a half-filled form) stays.
 */
export function LanguageSwitcher({ className }: { className?: string }) {
  const t = useTranslations('common');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const options: { locale: Locale; label: string }[] = [
    { locale: 'en', label: t('english') },
    { locale: 'es', label: t('spanish') },
  ];

  function choose(locale: Locale) {
    if (locale === current) return;
    // Script-written, so it cannot be HttpOnly (it holds no secret); Secure whenever we are on https.
    const secure = window.location.protocol === 'https:' ? '; secure' : '';
    document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax${secure}`;
    // A linked language (`?lang=es`) would win again on the refresh: the choice drops it.
    const url = new URL(window.location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.delete('lang');
      startTransition(() => router.replace(`${url.pathname}${url.search}${url.hash}`));
    } else {
      startTransition(() => router.refresh());
    }
  }

  return (
    <div role="group" aria-label={t('language')} aria-busy={pending || undefined} className={cx('flex items-center gap-1', className)}>
      {options.map((o) => {
        const active = o.locale === current;
        return (
          <button
            key={o.locale}
            type="button"
            lang={o.locale}
            aria-pressed={active}
            onClick={() => choose(o.locale)}
            className={cx(
              'h-8 rounded-md px-2.5 text-sm font-medium transition-colors',
              focusRing,
              active ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
            )}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

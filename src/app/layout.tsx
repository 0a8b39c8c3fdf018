import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { env } from '@/lib/env';
import { PATH_HEADER } from '@/i18n/locales';
import { ZodJitless } from './_components/zod-jitless';
import './globals.css';

/** Pages a visitor may share in either language: everything but the signed-in areas. */
const PRIVATE = /^\/(dashboard|invitations)(\/|$)/;

export async function generateMetadata(): Promise<Metadata> {
  const path = (await headers()).get(PATH_HEADER);
  const base = env().BASE_URL.replace(/\/$/, '');
  const alternates =
    path && !PRIVATE.test(path)
      ? { languages: { en: `${base}${path}?lang=en`, es: `${base}${path}?lang=es`, 'x-default': `${base}${path}` } }
      : undefined;
  return {
    title: { default: 'Bookline', template: '%s · Bookline' },
    description: 'Open-source booking platform: bookings, reservations and orders for any business.',
    alternates,
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#4f46e5' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('common')]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow-lg"
        >
          {t('skipToContent')}
        </a>
        <ZodJitless />
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}

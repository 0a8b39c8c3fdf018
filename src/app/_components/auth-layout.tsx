import Link from 'next/link';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from './language-switcher';
import { BrandMark } from './site-header';

/** The centred single-card frame shared by sign-in, sign-up and invitation pages. */
export function AuthLayout({ title, intro, children, footer }: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="mx-auto flex w-full max-w-md flex-wrap items-center justify-between gap-2 px-4 pt-8 sm:px-0">
        <Link href="/" className="flex w-fit items-center gap-2 text-base font-semibold text-slate-900">
          <BrandMark />
          Bookline
        </Link>
        <LanguageSwitcher />
      </header>
      <main id="main" className="flex flex-1 justify-center px-4 py-8 sm:px-6">
        <div className="w-full max-w-md">
          <h1 className="text-center text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
          {intro ? <div className="mt-2 text-center text-sm text-slate-600">{intro}</div> : null}
          <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">{children}</div>
          {footer ? <div className="mt-6 text-center text-sm text-slate-600">{footer}</div> : null}
        </div>
      </main>
    </div>
  );
}

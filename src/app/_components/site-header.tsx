import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/ui/button';
import { LanguageSwitcher } from './language-switcher';

export interface SiteHeaderProps {
  /**
   * Who is signed in: an object shows "Dashboard", null shows "Sign in"/"Sign up", and
   * undefined (pages that cannot read the session, such as the static 404) shows neither.
   */
  user?: { name: string } | null;
}

export async function SiteHeader({ user }: SiteHeaderProps) {
  const t = await getTranslations('siteChrome');
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <BrandMark />
          Bookline
        </Link>
        <div className="flex items-center gap-2">
        <LanguageSwitcher />
        {user === undefined ? null : (
          <nav aria-label={t('account')}>
            <ul className="flex items-center gap-2">
              {user ? (
                <li>
                  <Link href="/dashboard" className={buttonClasses({ variant: 'primary', size: 'sm' })}>
                    {t('dashboard')}
                  </Link>
                </li>
              ) : (
                <>
                  <li>
                    <Link href="/sign-in" className={buttonClasses({ variant: 'ghost', size: 'sm' })}>
                      {t('signIn')}
                    </Link>
                  </li>
                  <li>
                    <Link href="/sign-up" className={buttonClasses({ variant: 'primary', size: 'sm' })}>
                      {t('signUp')}
                    </Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
        )}
        </div>
      </div>
    </header>
  );
}

export function BrandMark() {
  return (
    <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">
      B
    </span>
  );
}

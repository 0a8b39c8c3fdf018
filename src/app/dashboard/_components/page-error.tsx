'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Button, buttonClasses } from '@/ui/button';

/**
 * The dashboard's error boundary body: says what failed in the visitor's language, offers a
 * retry (which re-fetches the server component) and a way out, and shows the digest for support.
 */
export function PageError({ error, retry, backHref, backLabel }: { error: unknown; retry: () => void; backHref: string; backLabel?: string }) {
  const t = useTranslations('dashboard.errorPage');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  useEffect(() => {
    // Focus moves to the message so keyboard and screen-reader users learn the page failed.
    headingRef.current?.focus();
  }, []);

  return (
    <div role="alert" className="mx-auto max-w-md py-12 text-center">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold tracking-tight text-slate-900 focus:outline-none">
        {t('title')}
      </h1>
      <p className="mt-3 text-slate-700">{t('body')}</p>
      {digest ? (
        <p className="mt-2 text-sm text-slate-600">
          {t('reference')} <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Button onClick={() => retry()}>{t('retry')}</Button>
        <Link href={backHref} className={buttonClasses({ variant: 'secondary' })}>
          {backLabel ?? t('back')}
        </Link>
      </div>
    </div>
  );
}

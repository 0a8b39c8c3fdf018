'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';

/** A new signing secret, shown once, with a copy button. Focus moves here so screen readers hear it. */
export function SecretPanel({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const t = useTranslations('webhooksPage.secret');
  const [copied, setCopied] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [secret]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(t('copied'));
    } catch {
      setCopied(t('copyFailed'));
    }
  }

  return (
    <section className="mt-6 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900" aria-labelledby="webhook-secret-title" data-testid="webhook-secret">
      <h2 id="webhook-secret-title" ref={heading} tabIndex={-1} className="font-semibold break-all">
        {t('title', { url })}
      </h2>
      <p className="mt-1">{t('body')}</p>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor="webhook-secret-value" className="sr-only">
          {t('label')}
        </label>
        <input id="webhook-secret-value" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-2 py-1.5 font-mono text-xs text-slate-900" />
        <Button type="button" size="sm" variant="secondary" onClick={copy}>
          {t('copy')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          {t('done')}
        </Button>
      </div>
      <LiveRegion>{copied ? <p className="mt-1">{copied}</p> : null}</LiveRegion>
    </section>
  );
}

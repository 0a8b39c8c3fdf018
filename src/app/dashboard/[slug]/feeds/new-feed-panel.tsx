'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { CreatedFeedDto } from '@/modules/feeds/schemas';
import { LiveRegion } from '@/ui/alert';
import { Button, buttonClasses } from '@/ui/button';

/** A new feed's address, shown once: copy it, or open the webcal:// link to subscribe on this device. */
export function NewFeedPanel({ feed, name, onDone }: { feed: CreatedFeedDto; name: string; onDone: () => void }) {
  const t = useTranslations('feedsPage.created');
  const [copied, setCopied] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves here so keyboard and screen-reader users hear the address is ready.
  useEffect(() => heading.current?.focus(), [feed.id]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(feed.url);
      setCopied(t('copied'));
    } catch {
      setCopied(t('copyFailed'));
    }
  }

  return (
    <section className="mt-6 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900" aria-labelledby="feed-created-title" data-testid="feed-created">
      <h2 id="feed-created-title" ref={heading} tabIndex={-1} className="font-semibold break-words">
        {t('title', { name })}
      </h2>
      <p className="mt-1">{t('body')}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor="feed-url" className="sr-only">
          {t('label')}
        </label>
        <input id="feed-url" readOnly value={feed.url} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-2 py-1.5 font-mono text-xs text-slate-900" />
        <Button type="button" size="sm" variant="secondary" onClick={copy}>
          {t('copy')}
        </Button>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <a href={feed.webcalUrl} className={buttonClasses({ size: 'sm' })} data-testid="feed-subscribe">
          {t('subscribe')}
        </a>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          {t('done')}
        </Button>
      </div>
      <LiveRegion>{copied ? <p className="mt-1">{copied}</p> : null}</LiveRegion>
    </section>
  );
}

'use client';

import { useTranslations } from 'next-intl';
import { type MouseEvent, useRef, useState } from 'react';
import { type ApiFailure, api, download } from '@/app/_lib/api';
import { Alert } from '@/ui/alert';
import { buttonClasses } from '@/ui/button';
import { Spinner } from '@/ui/spinner';

type Kind = 'bookings' | 'customers';
type Format = 'csv' | 'pdf';

/** The export routes through the typed client (the same declarations the API serves). */
function request(kind: Kind, format: Format, slug: string, query: Record<string, string>, signal: AbortSignal) {
  const routes = api.orgs[':slug'].exports;
  const init = { init: { signal } };
  if (kind === 'bookings') {
    const q = query as Parameters<(typeof routes)['bookings.csv']['$get']>[0]['query'];
    return format === 'csv' ? routes['bookings.csv'].$get({ param: { slug }, query: q }, init) : routes['bookings.pdf'].$get({ param: { slug }, query: q }, init);
  }
  const q = query as Parameters<(typeof routes)['customers.csv']['$get']>[0]['query'];
  return format === 'csv' ? routes['customers.csv'].$get({ param: { slug }, query: q }, init) : routes['customers.pdf'].$get({ param: { slug }, query: q }, init);
}

/** Hands a downloaded file to the browser's own download (a temporary object URL). */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * "Export CSV" / "Export PDF" for a list, with the list's current filters (`query`).
 *
 * Each action is a real link to the export route, so it works before JavaScript loads, can be
 * opened or copied like any link, and is reached and activated by keyboard as links are. With
 * JavaScript, a plain click fetches the file through the typed client (`download`, the one
 * exception to pages not fetching files) so that a refusal — a role without the right, an
 * ended session, the network — is said on the page in the reader's language instead of
 * leaving them on a raw JSON answer; the file then goes to the browser's downloads.
 */
export function ExportActions({ kind, slug, query, label }: { kind: Kind; slug: string; query: Record<string, string>; label: string }) {
  const t = useTranslations('exports');
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const aborter = useRef<AbortController | null>(null);
  const search = new URLSearchParams(query).toString();
  const href = (format: Format) => `/api/v1/orgs/${encodeURIComponent(slug)}/exports/${kind}.${format}${search ? `?${search}` : ''}`;

  function explain(failure: ApiFailure): string {
    switch (failure.error.code) {
      case 'FORBIDDEN':
        return t('errors.forbidden');
      case 'UNAUTHENTICATED':
        return t('errors.signedOut');
      case 'NOT_FOUND':
        return t('errors.notFound');
      case 'VALIDATION':
        return t('errors.invalid', { message: failure.error.message });
      case 'RATE_LIMITED':
        return t('errors.rateLimited');
      case 'NETWORK':
        return t('errors.network');
      default:
        return t('errors.other');
    }
  }

  async function onClick(e: MouseEvent<HTMLAnchorElement>, format: Format) {
    // A new tab or window, or a save-as, is the browser's to do with the link.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (busy) return;
    aborter.current?.abort();
    const controller = new AbortController();
    aborter.current = controller;
    setBusy(format);
    setError(null);
    setDone(null);
    const result = await download(request(kind, format, slug, query, controller.signal), `${kind}.${format}`, controller.signal);
    setBusy(null);
    if (result.ok) {
      save(result.blob, result.filename);
      setDone(t('done', { filename: result.filename }));
    } else if (result.error.code !== 'ABORTED') {
      setError(explain(result));
    }
  }

  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <div role="group" aria-label={label} className="flex flex-wrap gap-2">
        {(['csv', 'pdf'] as const).map((format) => (
          <a
            key={format}
            href={href(format)}
            onClick={(e) => void onClick(e, format)}
            aria-disabled={busy !== null || undefined}
            aria-describedby={`export-hint-${kind}`}
            data-testid={`export-${kind}-${format}`}
            className={buttonClasses({ variant: 'secondary', size: 'sm', className: busy !== null && busy !== format ? 'opacity-60' : undefined })}
          >
            {busy === format ? <Spinner className="size-4" /> : null}
            {busy === format ? t('busy', { format: format.toUpperCase() }) : t(format)}
          </a>
        ))}
        <span id={`export-hint-${kind}`} className="sr-only">
          {t('fileHint')}
        </span>
      </div>
      {/* Always rendered, so screen readers announce the message when it appears. */}
      <p role="status" className="sr-only">
        {done}
      </p>
      {error ? (
        <Alert tone="error" role="alert" title={t('errorTitle')} className="max-w-md">
          <p>{error}</p>
          <button type="button" onClick={() => setError(null)} className="mt-2 font-medium underline">
            {t('dismiss')}
          </button>
        </Alert>
      ) : null}
    </div>
  );
}

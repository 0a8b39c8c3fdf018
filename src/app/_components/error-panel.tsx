'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/ui/button';

export interface ErrorPanelLabels {
  title: string;
  body: string;
  /** Text before the digest, e.g. "Error reference:". */
  reference: string;
  retry: string;
  home: string;
}

const englishLabels: ErrorPanelLabels = {
  title: 'Something went wrong',
  body: 'This page could not be loaded. It may be a temporary problem; try again in a moment.',
  reference: 'Error reference:',
  retry: 'Retry',
  home: 'Go back home',
};

/** Shared body of the error boundaries: says what happened, offers a retry, shows the digest for support. */
export function ErrorPanel({
  error,
  retry,
  homeHref = '/',
  labels = englishLabels,
}: {
  error: unknown;
  retry: () => void;
  homeHref?: string;
  /** Translated texts; English by default. */
  labels?: ErrorPanelLabels;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  useEffect(() => {
    // Focus moves to the message so keyboard and screen-reader users learn the page failed.
    headingRef.current?.focus();
  }, []);

  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold tracking-tight text-slate-900 focus:outline-none">
        {labels.title}
      </h1>
      <p className="mt-3 text-slate-700">{labels.body}</p>
      {digest ? (
        <p className="mt-2 text-sm text-slate-600">
          {labels.reference} <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Button onClick={() => retry()}>{labels.retry}</Button>
        <a href={homeHref} className="inline-flex h-10 items-center rounded-md px-4 text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
          {labels.home}
        </a>
      </div>
    </div>
  );
}

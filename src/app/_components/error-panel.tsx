'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/ui/button';

/** Shared body of the error boundaries: says what happened, offers a retry, shows the digest for support. */
export function ErrorPanel({ error, retry, homeHref = '/' }: { error: unknown; retry: () => void; homeHref?: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  useEffect(() => {
    // Focus moves to the message so keyboard and screen-reader users learn the page failed.
    headingRef.current?.focus();
  }, []);

  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold tracking-tight text-slate-900 focus:outline-none">
        Something went wrong
      </h1>
      <p className="mt-3 text-slate-700">
        This page could not be loaded. It may be a temporary problem; try again in a moment.
      </p>
      {digest ? (
        <p className="mt-2 text-sm text-slate-600">
          Error reference: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Button onClick={() => retry()}>Retry</Button>
        <a href={homeHref} className="inline-flex h-10 items-center rounded-md px-4 text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
          Go back home
        </a>
      </div>
    </div>
  );
}

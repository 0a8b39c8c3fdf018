import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/ui/button';
import { SiteHeader } from './_components/site-header';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="flex min-h-screen flex-col">
      {/* No session read here: this page is also prerendered at build time. */}
      <SiteHeader />
      <main id="main" className="flex flex-1 items-center justify-center px-4 py-16">
        <div className="max-w-md text-center">
          <p className="text-sm font-semibold text-indigo-700">404</p>
          <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">Page not found</h1>
          <p className="mt-3 text-slate-700">
            There is nothing at this address, or you do not have access to it. Check the link, or start again from
            the home page.
          </p>
          <div className="mt-8 flex flex-wrap justify-center gap-3">
            <Link href="/" className={buttonClasses()}>
              Go to the home page
            </Link>
            <Link href="/dashboard" className={buttonClasses({ variant: 'secondary' })}>
              Your dashboard
            </Link>
          </div>
        </div>
      </main>
    </div>
  );
}

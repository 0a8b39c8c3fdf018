'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { focusRing } from '@/ui/class-names';
import { BrandMark } from '../../_components/site-header';

/** Below md the sidebar folds behind a Menu button; from md up it is always open. */
export function CollapsibleSidebar({ children, status }: { children: ReactNode; /** Always in view, beside the brand (the live pill). */ status?: ReactNode }) {
  const pathname = usePathname();
  const t = useTranslations('dashboard.shell');
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  // Navigating closes the menu; adjusting state during render avoids an effect and a flash.
  if (openedAt !== pathname) {
    setOpenedAt(pathname);
    setOpen(false);
  }

  return (
    <>
      <div className="flex h-14 shrink-0 items-center justify-between px-4">
        <Link href="/" className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <BrandMark />
          Bookline
        </Link>
        {status ? <div className="ml-auto mr-2 md:mr-0">{status}</div> : null}
        <button
          type="button"
          className={`inline-flex h-10 items-center gap-2 rounded-md px-3 text-sm font-medium text-slate-800 hover:bg-slate-100 md:hidden ${focusRing}`}
          aria-expanded={open}
          aria-controls="dashboard-sidebar"
          onClick={() => setOpen((v) => !v)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
            {open ? (
              <path d="M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 6.7a1 1 0 0 1 0-1.4Z" />
            ) : (
              <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
            )}
          </svg>
          {t('menu')}
        </button>
      </div>
      <div id="dashboard-sidebar" className={`${open ? 'block' : 'hidden'} md:flex md:min-h-0 md:flex-1 md:flex-col md:overflow-y-auto`}>
        {children}
      </div>
    </>
  );
}

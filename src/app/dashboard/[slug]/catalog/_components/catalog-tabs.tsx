import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { cx, focusRing } from '@/ui/class-names';
import { catalogBase } from '../_lib/catalog';

const tabs = [
  { key: 'home', path: '' },
  { key: 'services', path: '/services' },
  { key: 'resources', path: '/resources' },
  { key: 'hours', path: '/hours' },
  { key: 'closures', path: '/closures' },
] as const;

/** The catalog's sections as links (each has its own URL); the current one is marked. */
export async function CatalogTabs({ slug, current }: { slug: string; current: (typeof tabs)[number]['key'] }) {
  const t = await getTranslations('catalogPage.tabs');
  const base = catalogBase(slug);
  return (
    <nav aria-label={t('label')} className="mt-4 -mx-1 overflow-x-auto border-b border-slate-200">
      <ul className="flex min-w-max gap-1 px-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={`${base}${tab.path}`}
              aria-current={tab.key === current ? 'page' : undefined}
              className={cx(
                'inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium',
                tab.key === current ? 'border-indigo-600 text-indigo-800' : 'border-transparent text-slate-700 hover:text-slate-900',
                focusRing,
              )}
            >
              {t(tab.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

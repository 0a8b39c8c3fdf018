import { getTranslations } from 'next-intl/server';

export async function SiteFooter() {
  const t = await getTranslations('siteChrome');
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-600 sm:px-6">{t('footer')}</div>
    </footer>
  );
}

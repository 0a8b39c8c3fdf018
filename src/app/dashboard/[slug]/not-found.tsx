import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/ui/button';

// A booking or customer id that does not exist (or belongs to another organization): the
// dashboard shell stays, with a way back.
export default async function DashboardNotFound() {
  const t = await getTranslations('dashboard.notFound');
  return (
    <div className="mx-auto max-w-md py-12 text-center">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-3 text-slate-700">{t('body')}</p>
      <div className="mt-8 flex justify-center">
        <Link href="/dashboard" className={buttonClasses({ variant: 'secondary' })}>
          {t('back')}
        </Link>
      </div>
    </div>
  );
}

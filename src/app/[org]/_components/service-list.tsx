import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PublicService } from '@/modules/catalog';
import { Badge } from '@/ui/badge';
import { buttonClasses } from '@/ui/button';
import { formatDuration, formatMoney } from '../_lib/format';

type Translator = Awaited<ReturnType<typeof getTranslations<'publicSite'>>>;

/** "from $249.00", "$28.00", "$650.00 per night" or "Free", in the organization's currency and the visitor's language. */
export function priceLabel(t: Translator, service: Pick<PublicService, 'priceMinor' | 'priceFrom' | 'currency'> & { bookingMode?: PublicService['bookingMode'] }, locale: string): string {
  if (service.priceMinor === 0 && !service.priceFrom) return t('free');
  const price = formatMoney(service.priceMinor, service.currency, locale);
  if (service.bookingMode === 'multi_day') return service.priceFrom ? t('priceFromPerNight', { price }) : t('pricePerNight', { price });
  return service.priceFrom ? t('priceFrom', { price }) : price;
}

export function durationLabel(t: Translator, service: Pick<PublicService, 'bookingMode' | 'durationMinutes'>, locale: string): string {
  return service.bookingMode === 'multi_day' ? t('byTheNight') : formatDuration(service.durationMinutes, locale);
}

export async function ServiceList({
  id,
  title,
  intro,
  services,
  slug,
  locale,
}: {
  id: string;
  title: string;
  intro: string;
  services: PublicService[];
  slug: string;
  locale: string;
}) {
  const t = await getTranslations({ locale, namespace: 'publicSite' });
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="text-xl font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{intro}</p>
      <ul className="mt-4 space-y-4">
        {services.map((s) => (
          <li key={s.id}>
            <ServiceCard service={s} slug={slug} locale={locale} t={t} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ServiceCard({ service: s, slug, locale, t }: { service: PublicService; slug: string; locale: string; t: Translator }) {
  const href = `/${slug}/services/${s.slug}`;
  const headingId = `service-${s.slug}`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h3 id={headingId} className="text-lg font-semibold text-slate-900">
            <Link href={href} className="underline-offset-2 hover:text-indigo-700 hover:underline">
              {s.name}
            </Link>
          </h3>
          {s.title ? <p className="mt-0.5 font-medium text-slate-700">{s.title}</p> : null}
        </div>
        <p className="text-right">
          <span className="block text-lg font-semibold text-slate-900 tabular-nums">{priceLabel(t, s, locale)}</span>
          <span className="block text-sm text-slate-600">{durationLabel(t, s, locale)}</span>
        </p>
      </div>
      {s.description ? <p className="mt-3 text-slate-700">{s.description}</p> : null}

      {s.features.length > 0 || s.benefits.length > 0 ? (
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {s.features.length > 0 ? <BulletList title={t('features')} items={s.features} /> : null}
          {s.benefits.length > 0 ? <BulletList title={t('benefits')} items={s.benefits} /> : null}
        </div>
      ) : null}

      {s.processSteps.length > 0 ? <ProcessSteps steps={s.processSteps} label={t('processSteps', { count: s.processSteps.length })} /> : null}

      <div className="mt-5 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap gap-2">
          {s.requiresConfirmation ? <Badge tone="warning">{t('confirmedByBusiness')}</Badge> : <Badge tone="success">{t('instantConfirmation')}</Badge>}
          {s.capacity > 1 ? <Badge>{t('groupCapacity', { count: s.capacity })}</Badge> : null}
        </div>
        <Link href={href} className={buttonClasses()}>
          {t.rich('bookService', { name: s.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
        </Link>
      </div>
    </article>
  );
}

export function BulletList({ title, items, headingLevel = 'h4' }: { title: string; items: string[]; headingLevel?: 'h2' | 'h3' | 'h4' }) {
  const Heading = headingLevel;
  return (
    <div>
      <Heading className="text-sm font-semibold text-slate-900">{title}</Heading>
      <ul className="mt-2 space-y-1.5 text-sm text-slate-700">
        {items.map((item) => (
          <li key={item} className="flex gap-2">
            <CheckIcon />
            <span>{item}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ProcessSteps({ steps, label, open = false }: { steps: PublicService['processSteps']; label: string; open?: boolean }) {
  return (
    <details className="group mt-4 rounded-md border border-slate-200 bg-slate-50" open={open}>
      <summary className="flex cursor-pointer list-none items-center justify-between gap-2 px-4 py-2.5 text-sm font-semibold text-slate-900 [&::-webkit-details-marker]:hidden">
        {label}
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5 text-slate-600 transition-transform group-open:rotate-180">
          <path fillRule="evenodd" d="M5.2 7.2a1 1 0 0 1 1.4 0L10 10.6l3.4-3.4a1 1 0 1 1 1.4 1.4l-4.1 4.1a1 1 0 0 1-1.4 0L5.2 8.6a1 1 0 0 1 0-1.4Z" clipRule="evenodd" />
        </svg>
      </summary>
      <ol className="space-y-3 px-4 pt-1 pb-4">
        {steps.map((step, i) => (
          <li key={`${i}-${step.title}`} className="flex gap-3 text-sm">
            <span aria-hidden="true" className="grid size-6 shrink-0 place-items-center rounded-full bg-indigo-600 text-xs font-semibold text-white">
              {i + 1}
            </span>
            <span>
              <span className="block font-medium text-slate-900">{step.title}</span>
              {step.description ? <span className="block text-slate-700">{step.description}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}

export function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-emerald-600">
      <path
        fillRule="evenodd"
        d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

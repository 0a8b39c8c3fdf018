import type { PublicResource } from '@/modules/catalog/schemas';
import { type AssetsT, displayablePhotos, FactList, hasFacts } from './resource-facts';

/**
 * The service's resources as cards — photos (alt text: the resource's name), description,
 * how many people each takes, check-in/out, and a maintenance notice — for businesses whose
 * resources have such facts (a club's aircraft and residences). Nothing when none does: a
 * salon's professionals are chosen in the booking form.
 */
export function ResourceCards({ resources, t, locale, zone }: { resources: PublicResource[]; t: AssetsT; locale: string; zone: string }) {
  if (!resources.some(hasFacts)) return null;
  return (
    <section aria-labelledby="resources-title" className="mx-auto max-w-6xl px-4 pt-8 sm:px-6">
      <h2 id="resources-title" className="text-xl font-semibold text-slate-900">
        {t('heading')}
      </h2>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {resources.map((r) => {
          const photos = displayablePhotos(r.photos);
          return (
            <li key={r.id} data-testid="resource-card" className="flex min-w-0 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
              {photos.length > 0 ? (
                <img src={photos[0]} alt={photos.length > 1 ? t('photoAltN', { name: r.name, n: 1, count: photos.length }) : t('photoAlt', { name: r.name })} className="aspect-[4/3] w-full bg-slate-100 object-cover" loading="lazy" width={640} height={480} />
              ) : null}
              <div className="flex flex-1 flex-col gap-2 p-4">
                <h3 className="text-base font-semibold text-slate-900">{r.name}</h3>
                {r.description ? <p className="text-sm text-slate-700">{r.description}</p> : null}
                <FactList t={t} resource={r} locale={locale} zone={zone} />
                {photos.length > 1 ? (
                  <ul className="mt-auto flex gap-2 pt-2">
                    {photos.slice(1).map((src, i) => (
                      <li key={src}>
                        <img src={src} alt={t('photoAltN', { name: r.name, n: i + 2, count: photos.length })} className="h-16 w-20 rounded bg-slate-100 object-cover" loading="lazy" width={80} height={64} />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

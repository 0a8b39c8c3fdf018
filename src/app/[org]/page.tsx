import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { isAppError } from '@/lib/errors';
import { getPublicProfile, type PublicProfile } from '@/modules/organizations';
import { Badge } from '@/ui/badge';
import { Card, CardTitle } from '@/ui/card';
import { SiteFooter } from '../_components/site-footer';
import { SiteHeader } from '../_components/site-header';
import { currencyName } from '../_lib/labels';
import { cachedAnonymousCtx, cachedCurrentUser } from '../_lib/request-cache';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string }>;
}

// generateMetadata and the page both need the profile: one query per request.
const loadProfile = cache(async (slug: string): Promise<PublicProfile | null> => {
  try {
    return await getPublicProfile(await cachedAnonymousCtx(), slug);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await loadProfile((await params).org);
  if (!profile) return { title: 'Page not found' };
  return { title: profile.name, description: profile.description.slice(0, 160) || undefined };
}

export default async function OrganizationPage({ params }: Props) {
  const [profile, user] = await Promise.all([loadProfile((await params).org), cachedCurrentUser()]);
  if (!profile) notFound();
  const { contact } = profile;

  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader user={user} />
      <main id="main" className="flex-1">
        <div className="border-b border-slate-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
            {profile.industry ? <Badge tone="brand">{profile.industry}</Badge> : null}
            <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{profile.name}</h1>
            {profile.description ? (
              <p className="mt-4 max-w-3xl text-lg whitespace-pre-line text-slate-700">{profile.description}</p>
            ) : null}
          </div>
        </div>

        <div className="mx-auto grid max-w-6xl gap-6 px-4 py-10 sm:px-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            {profile.highlights.length > 0 ? (
              <Card as="section" aria-labelledby="highlights-title">
                <CardTitle id="highlights-title">Highlights</CardTitle>
                <ul className="mt-3 space-y-2">
                  {profile.highlights.map((h) => (
                    <li key={h} className="flex gap-2 text-slate-700">
                      <CheckIcon />
                      <span>{h}</span>
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}

            <section
              aria-labelledby="booking-title"
              className="rounded-lg border border-dashed border-slate-300 bg-slate-100 p-6"
            >
              <h2 id="booking-title" className="text-base font-semibold text-slate-900">
                Online booking opens soon
              </h2>
              <p className="mt-1 text-sm text-slate-700">
                {profile.name} will take bookings here. Until then, contact them directly using the details on this
                page.
              </p>
            </section>
          </div>

          <Card as="aside" aria-labelledby="contact-title" className="h-fit">
            <CardTitle id="contact-title">Contact and details</CardTitle>
            <dl className="mt-4 space-y-4 text-sm">
              {contact.email ? (
                <Detail term="Email">
                  <a href={`mailto:${contact.email}`} className="break-all text-indigo-700 underline hover:text-indigo-900">
                    {contact.email}
                  </a>
                </Detail>
              ) : null}
              {contact.phone ? (
                <Detail term="Phone">
                  <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`} className="text-indigo-700 underline hover:text-indigo-900">
                    {contact.phone}
                  </a>
                </Detail>
              ) : null}
              {contact.website && isWebUrl(contact.website) ? (
                <Detail term="Website">
                  <a
                    href={contact.website}
                    rel="noopener noreferrer nofollow"
                    className="break-all text-indigo-700 underline hover:text-indigo-900"
                  >
                    {displayUrl(contact.website)}
                  </a>
                </Detail>
              ) : null}
              {contact.address && addressLines(contact.address).length > 0 ? (
                <Detail term="Address">
                  <address className="not-italic text-slate-700">
                    {addressLines(contact.address).map((line) => (
                      <span key={line} className="block">
                        {line}
                      </span>
                    ))}
                  </address>
                </Detail>
              ) : null}
              <Detail term="Time zone">
                <span className="text-slate-700">Times shown in {profile.timezone}</span>
              </Detail>
              <Detail term="Currency">
                <span className="text-slate-700">
                  Prices in {profile.currency} ({currencyName(profile.currency)})
                </span>
              </Detail>
            </dl>
          </Card>
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-900">{term}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

type Address = NonNullable<PublicProfile['contact']['address']>;

function addressLines(a: Address): string[] {
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [a.line1, a.line2, cityLine, a.country].filter((l): l is string => !!l && l.trim() !== '');
}

// Only web addresses become links: stored contact data must not smuggle in other schemes.
function isWebUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-5 shrink-0 text-emerald-600">
      <path
        fillRule="evenodd"
        d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/ui/button';
import { Card, CardTitle } from '@/ui/card';

/**
 * Shown instead of the booking form when the organization takes reservations from its members
 * only (booking access 'members' or 'tiers'): signing in leads to the member portal, where the
 * member books under the club's rules.
 */
export async function MembersOnlyNotice({ slug, name, locale, signedIn, className }: { slug: string; name: string; locale: string; signedIn: boolean; className?: string }) {
  const t = await getTranslations({ locale, namespace: 'portalPage.publicNotice' });
  const portal = `/dashboard/${slug}/book`;
  return (
    <Card as="section" aria-labelledby="members-only-title" className={className} data-testid="members-only-notice">
      <CardTitle id="members-only-title">{t('title')}</CardTitle>
      <p className="mt-2 text-slate-700">{signedIn ? t('signedInBody', { organization: name }) : t('body', { organization: name })}</p>
      <Link href={signedIn ? portal : `/sign-in?next=${encodeURIComponent(portal)}`} className={buttonClasses({ className: 'mt-4' })}>
        {signedIn ? t('openPortal') : t('signIn')}
      </Link>
    </Card>
  );
}

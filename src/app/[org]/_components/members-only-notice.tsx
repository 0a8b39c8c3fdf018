import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { listMyOrganizations } from '@/modules/organizations';
import { buttonClasses } from '@/ui/button';
import { Card, CardTitle } from '@/ui/card';
import { cachedAnonymousCtx, cachedCurrentUser } from '../../_lib/request-cache';

/** The visitor's role in the organization: null when signed out, 'none' when not one of its members. */
async function visitorRole(slug: string): Promise<string | null> {
  const user = await cachedCurrentUser();
  if (!user) return null;
  const ctx = await cachedAnonymousCtx();
  const mine = await listMyOrganizations({ ...ctx, actor: { type: 'user', userId: user.id, email: user.email, name: user.name, role: null } });
  return mine.find((o) => o.slug === slug)?.role ?? 'none';
}

/**
 * Shown instead of the booking form when the organization takes reservations from its members
 * only (booking access 'members' or 'tiers'): signing in leads to the member portal, where the
 * member books under the club's rules. A signed-in member goes straight there (staff to their
 * dashboard); someone signed in who is not a member is only told.
 */
export async function MembersOnlyNotice({ slug, name, locale, className }: { slug: string; name: string; locale: string; className?: string }) {
  const [t, role] = await Promise.all([getTranslations({ locale, namespace: 'portalPage.publicNotice' }), visitorRole(slug)]);
  const portal = `/dashboard/${slug}/book`;
  const link =
    role === null
      ? { href: `/sign-in?next=${encodeURIComponent(portal)}`, label: t('signIn') }
      : role === 'member'
        ? { href: portal, label: t('openPortal') }
        : role === 'none'
          ? null
          : { href: `/dashboard/${slug}`, label: t('openDashboard') };
  return (
    <Card as="section" aria-labelledby="members-only-title" className={className} data-testid="members-only-notice">
      <CardTitle id="members-only-title">{t('title')}</CardTitle>
      <p className="mt-2 text-slate-700">{role === null ? t('body', { organization: name }) : t('signedInBody', { organization: name })}</p>
      {link ? (
        <Link href={link.href} className={buttonClasses({ className: 'mt-4' })}>
          {link.label}
        </Link>
      ) : null}
    </Card>
  );
}

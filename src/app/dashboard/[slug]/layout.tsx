import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { can, type Permission } from '@/modules/kernel';
import { countUnreadNotifications } from '@/modules/inbox';
import { mailReadable } from '@/modules/notifications';
import { type DashboardAreas, dashboardAreas, findOrganizationSettings, listMyOrganizations } from '@/modules/organizations';
import { ToastProvider } from '@/ui/toast';
import { cachedEnrolmentMemberCtx } from '../../_lib/request-cache';
import { LanguageSwitcher } from '../../_components/language-switcher';
import { SignOutButton } from '../sign-out-button';
import { CollapsibleSidebar } from './collapsible-sidebar';
import { DashboardLiveIndicator, LiveUpdatesProvider, NewBookingToasts } from './live-updates';
import { NavLink } from './nav-link';
import { NotificationBell } from './notification-bell';
import { OrgSwitcher } from './org-switcher';

export const dynamic = 'force-dynamic';

interface Section {
  key: 'book' | 'bookings' | 'parties' | 'calendar' | 'customers' | 'catalog' | 'reviews' | 'team' | 'tiers' | 'rules' | 'approvals' | 'settings' | 'webhooks' | 'feeds' | 'analytics' | 'orders' | 'products' | 'promoCodes' | 'shopStats' | 'shopSettings' | 'events' | 'checkIn' | 'loyalty';
  permission: Permission;
  path: string;
  /** Shown to this role only (a club member's own booking portal). */
  role?: 'member';
  /** Also needs this permission to be shown (where reading alone would be a door to nowhere useful). */
  alsoNeeds?: Permission;
  /** Shown only when the organization runs one of these areas (Settings → Dashboard areas). */
  areas?: (keyof DashboardAreas)[];
}

// Each section appears only for roles that may use it, so nobody is shown a door that is locked.
const sections: Section[] = [
  // Club members book for themselves here: assets by section, with the rules explained.
  { key: 'book', permission: 'bookings:write', path: 'book', role: 'member' },
  { key: 'bookings', permission: 'bookings:read', path: 'bookings' },
  // Party packages' bookings with guests, deposits and balances: the team's view (it names customers).
  { key: 'parties', permission: 'bookings:read', alsoNeeds: 'customers:read', path: 'parties', areas: ['parties'] },
  { key: 'approvals', permission: 'approvals:read', path: 'approvals' },
  { key: 'calendar', permission: 'bookings:read', path: 'calendar' },
  // Every member has a feed of their own bookings; owners and admins also resources' feeds.
  { key: 'feeds', permission: 'org:read', path: 'feeds' },
  { key: 'customers', permission: 'customers:read', path: 'customers' },
  { key: 'catalog', permission: 'catalog:read', path: 'catalog' },
  // Owners, admins and managers approve, reject and feature customers' reviews.
  { key: 'reviews', permission: 'reviews:moderate', path: 'reviews' },
  { key: 'analytics', permission: 'analytics:read', path: 'analytics' },
  // The shop's back office (modules/orders): staff see and move orders; promo codes and the
  // shop's checkout settings are for owners and admins.
  // Tickets are sold as orders, so a venue that sells only tickets has orders, stats, promo codes
  // and checkout settings too; products are the shop's alone.
  { key: 'orders', permission: 'orders:read', path: 'orders', areas: ['shop', 'events'] },
  { key: 'shopStats', permission: 'orders:read', path: 'shop-stats', areas: ['shop', 'events'] },
  // Everyone reads the catalog, but the products page is the shop's back office: shown to those
  // who also work the orders (owners, admins, staff), not to club members or viewers.
  { key: 'products', permission: 'catalog:read', alsoNeeds: 'orders:read', path: 'products', areas: ['shop'] },
  { key: 'promoCodes', permission: 'promotions:manage', path: 'promo-codes', areas: ['shop', 'events'] },
  // Events sell tickets through the shop's orders; staff read them and check people in at the door.
  { key: 'events', permission: 'events:read', path: 'events', areas: ['events'] },
  { key: 'checkIn', permission: 'events:check_in', path: 'check-in', areas: ['events'] },
  { key: 'shopSettings', permission: 'settings:manage', path: 'shop-settings', areas: ['shop', 'events'] },
  // Loyalty points (modules/loyalty): the program's settings; a customer's points live on their page.
  { key: 'loyalty', permission: 'loyalty:manage', path: 'loyalty', areas: ['loyalty'] },
  { key: 'team', permission: 'members:read', path: 'team' },
  // Everyone who reads the team sees members' tiers there; managing them is for owners and admins.
  { key: 'tiers', permission: 'tiers:manage', path: 'tiers' },
  { key: 'rules', permission: 'rules:manage', path: 'rules' },
  { key: 'settings', permission: 'settings:manage', path: 'settings' },
  { key: 'webhooks', permission: 'webhooks:manage', path: 'webhooks' },
];

export default async function OrganizationDashboardLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // The shell also frames the account page, where an owner or admin kept out by the
  // organization's two-factor policy enrols; every other page resolves the member strictly
  // (cachedMemberCtx) and sends them there. Until they enrol the shell offers no other doors.
  const { ctx, twoFactor } = await cachedEnrolmentMemberCtx(slug);
  const mustEnrol = twoFactor === 'enrolment_required';
  if (ctx.actor.type !== 'user' || !ctx.tenant || !ctx.actor.role) throw new Error('memberCtx returned no member');
  const { actor, tenant } = ctx;
  const role = actor.role!;
  const [organizations, { unread }, areas] = await Promise.all([
    listMyOrganizations({ ...ctx, tenant: null, actor: { ...actor, role: null } }),
    mustEnrol ? { unread: 0 } : countUnreadNotifications(ctx),
    mustEnrol ? null : findOrganizationSettings(ctx.db, { id: tenant.id }).then((org) => dashboardAreas(ctx, org?.settings ?? {})),
  ]);
  const base = `/dashboard/${tenant.slug}`;
  const t = await getTranslations('dashboard');
  // The webhooks area keeps its own catalogue (messages/webhooks.*.json), its nav label included.
  const tw = await getTranslations('webhooksPage');
  const tf = await getTranslations('feedsPage');
  const ta = await getTranslations('analyticsPage');
  const tt = await getTranslations('tiersPage');
  const tr = await getTranslations('rulesPage');
  const tap = await getTranslations('approvalsPage');
  const tp = await getTranslations('portalPage');
  const trv = await getTranslations('reviewsAdmin');
  const tshop = await getTranslations('shopAdmin.nav');
  const tproducts = await getTranslations('productsAdmin');
  const tevents = await getTranslations('eventsAdmin');
  const tparty = await getTranslations('party.parties');
  const tloyalty = await getTranslations('loyaltyAdmin');
  const areaLabels: Partial<Record<Section['key'], string>> = {
    webhooks: tw('nav'),
    feeds: tf('nav'),
    analytics: ta('nav'),
    tiers: tt('nav'),
    rules: tr('nav'),
    approvals: tap('nav'),
    book: tp('nav'),
    reviews: trv('nav'),
    orders: tshop('orders'),
    shopStats: tshop('stats'),
    products: tproducts('nav'),
    parties: tparty('nav'),
    promoCodes: tshop('promoCodes'),
    shopSettings: tshop('settings'),
    events: tevents('nav'),
    checkIn: tevents('checkInNav'),
    loyalty: tloyalty('nav'),
  };
  const label = (key: Section['key']) => areaLabels[key] ?? t(`nav.${key as 'bookings'}`);
  const tMail = await getTranslations('mailPage');
  // Owners and admins; every member of a demo organization (the demo accounts show its emails).
  const showMail = !mustEnrol && (await mailReadable(ctx));

  const shell = (
    <div className="min-h-screen md:flex">
      <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-64 md:shrink-0 md:flex-col md:border-r md:border-b-0">
        <CollapsibleSidebar status={mustEnrol ? null : <DashboardLiveIndicator />}>
          <div className="flex h-full flex-col gap-6 px-4 pt-2 pb-4 md:pt-0">
            <div>
              <OrgSwitcher organizations={organizations.map((o) => ({ slug: o.slug, name: o.name }))} current={tenant.slug} />
              <Link href="/dashboard?new=1" className="mt-2 inline-block text-sm font-medium text-indigo-700 underline-offset-2 hover:underline">
                {t('shell.newOrganization')}
              </Link>
            </div>
            {mustEnrol ? (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="two-factor-required-nav">
                {t('shell.twoFactorRequired')}
              </p>
            ) : (
              <nav aria-label={t('nav.label')}>
                <NotificationBell slug={tenant.slug} initialUnread={unread} />
                <ul className="mt-1 space-y-1">
                  <li>
                    <NavLink href={base} exact>
                      {t('nav.overview')}
                    </NavLink>
                  </li>
                  {sections
                    .filter(
                      (s) =>
                        can(role, s.permission) &&
                        (!s.alsoNeeds || can(role, s.alsoNeeds)) &&
                        (!s.role || s.role === role) &&
                        (!s.areas || s.areas.some((a) => areas?.[a])),
                    )
                    .map((s) => (
                      <li key={s.key}>
                        <NavLink href={`${base}/${s.path}`}>{label(s.key)}</NavLink>
                      </li>
                    ))}
                  {showMail ? (
                    <li>
                      <NavLink href={`${base}/mail`}>{tMail('nav')}</NavLink>
                    </li>
                  ) : null}
                </ul>
              </nav>
            )}
            <div className="mt-auto border-t border-slate-200 pt-4">
              <p className="truncate text-sm font-medium text-slate-900">{actor.name}</p>
              <p className="truncate text-sm text-slate-600">{actor.email}</p>
              <p className="mt-1 text-xs text-slate-600">
                {t('shell.roleAt', { role: t(`roles.${role}`), organization: tenant.name })}
              </p>
              <div className="mt-3 flex flex-wrap items-center gap-2">
                <Link href={`/${tenant.slug}`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
                  {t('shell.publicPage')}
                </Link>
                <Link href={`/dashboard/${tenant.slug}/account`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
                  {t('shell.account')}
                </Link>
                <SignOutButton variant="ghost" className="ml-auto" />
              </div>
              <LanguageSwitcher className="mt-3" />
            </div>
          </div>
        </CollapsibleSidebar>
      </aside>
      <ToastProvider dismissLabel={t('common.dismiss')}>
        {mustEnrol ? null : <NewBookingToasts slug={tenant.slug} zone={tenant.timezone} enabled={role !== 'member'} />}
        <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 md:px-10 md:py-10">
          {children}
        </main>
      </ToastProvider>
    </div>
  );
  // One stream per dashboard, opened here for every page below (not per widget); none while
  // the member must first enrol in two-factor. The provider is always there: swapping the tree's
  // root when enrolment ends would remount the page under the person (the backup codes panel).
  return (
    <LiveUpdatesProvider slug={tenant.slug} enabled={!mustEnrol}>
      {shell}
    </LiveUpdatesProvider>
  );
}

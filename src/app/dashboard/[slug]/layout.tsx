import Link from 'next/link';
import type { ReactNode } from 'react';
import { can, type Permission } from '@/modules/kernel';
import { listMyOrganizations } from '@/modules/organizations';
import { Badge } from '@/ui/badge';
import { roleLabels } from '../../_lib/labels';
import { cachedMemberCtx } from '../../_lib/request-cache';
import { SignOutButton } from '../sign-out-button';
import { CollapsibleSidebar } from './collapsible-sidebar';
import { NavLink } from './nav-link';
import { OrgSwitcher } from './org-switcher';

export const dynamic = 'force-dynamic';

interface Section {
  label: string;
  permission: Permission;
  /** Sections without a path are announced but not built yet. */
  path?: string;
}

// Each section appears only for roles that may use it, so nobody is shown a door that is locked.
const sections: Section[] = [
  { label: 'Bookings', permission: 'bookings:read' },
  { label: 'Calendar', permission: 'bookings:read' },
  { label: 'Customers', permission: 'customers:read' },
  { label: 'Catalog', permission: 'catalog:read' },
  { label: 'Team', permission: 'members:read', path: 'team' },
  { label: 'Settings', permission: 'settings:manage' },
];

export default async function OrganizationDashboardLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await cachedMemberCtx(slug);
  if (ctx.actor.type !== 'user' || !ctx.tenant || !ctx.actor.role) throw new Error('memberCtx returned no member');
  const { actor, tenant } = ctx;
  const role = actor.role!;
  const organizations = await listMyOrganizations({ ...ctx, tenant: null, actor: { ...actor, role: null } });
  const base = `/dashboard/${tenant.slug}`;

  return (
    <div className="min-h-screen md:flex">
      <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-64 md:shrink-0 md:flex-col md:border-r md:border-b-0">
        <CollapsibleSidebar>
          <div className="flex h-full flex-col gap-6 px-4 pt-2 pb-4 md:pt-0">
            <div>
              <OrgSwitcher organizations={organizations.map((o) => ({ slug: o.slug, name: o.name }))} current={tenant.slug} />
              <Link href="/dashboard?new=1" className="mt-2 inline-block text-sm font-medium text-indigo-700 underline-offset-2 hover:underline">
                + New organization
              </Link>
            </div>
            <nav aria-label="Dashboard">
              <ul className="space-y-1">
                <li>
                  <NavLink href={base} exact>
                    Overview
                  </NavLink>
                </li>
                {sections
                  .filter((s) => can(role, s.permission))
                  .map((s) => (
                    <li key={s.label}>
                      {s.path ? (
                        <NavLink href={`${base}/${s.path}`}>{s.label}</NavLink>
                      ) : (
                        <span
                          aria-disabled="true"
                          className="flex items-center justify-between rounded-md px-3 py-2 text-sm text-slate-500"
                        >
                          {s.label}
                          <Badge>Soon</Badge>
                        </span>
                      )}
                    </li>
                  ))}
              </ul>
            </nav>
            <div className="mt-auto border-t border-slate-200 pt-4">
              <p className="truncate text-sm font-medium text-slate-900">{actor.name}</p>
              <p className="truncate text-sm text-slate-600">{actor.email}</p>
              <p className="mt-1 text-xs text-slate-600">
                {roleLabels[role]} at {tenant.name}
              </p>
              <div className="mt-3 flex flex-wrap items-center gap-2">
                <Link href={`/${tenant.slug}`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
                  Public page
                </Link>
                <SignOutButton variant="ghost" className="ml-auto" />
              </div>
            </div>
          </div>
        </CollapsibleSidebar>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 md:px-10 md:py-10">
        {children}
      </main>
    </div>
  );
}

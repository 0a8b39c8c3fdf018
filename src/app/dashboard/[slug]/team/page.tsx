import type { Metadata } from 'next';
import Link from 'next/link';
import { isAppError } from '@/lib/errors';
import { listMembers } from '@/modules/organizations';
import { Alert } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { buttonClasses } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { formatDate, roleLabels } from '../../../_lib/labels';
import { cachedMemberCtx } from '../../../_lib/request-cache';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 20;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const ctx = await cachedMemberCtx((await params).slug);
  return { title: `Team · ${ctx.tenant?.name ?? 'Dashboard'}` };
}

function pageNumber(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export default async function TeamPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const page = pageNumber((await searchParams).page);
  const ctx = await cachedMemberCtx(slug);
  const tenant = ctx.tenant!;

  let result;
  try {
    result = await listMembers(ctx, { page, pageSize: PAGE_SIZE });
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return (
        <div className="mx-auto max-w-4xl">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">Team</h1>
          <Alert tone="warning" title="You don’t have access to the team list" className="mt-6">
            <p>
              Your role in {tenant.name} does not include seeing other members. Ask an owner or admin if you need
              it.
            </p>
            <p className="mt-2">
              <Link href={`/dashboard/${slug}`} className="font-medium underline">
                Back to the overview
              </Link>
            </p>
          </Alert>
        </div>
      );
    }
    throw err;
  }

  const { data, pagination } = result;
  const href = (p: number) => `/dashboard/${slug}/team${p > 1 ? `?page=${p}` : ''}`;

  return (
    <div className="mx-auto max-w-5xl">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">Team</h1>
          <p className="mt-1 text-sm text-slate-600">
            {pagination.total} {pagination.total === 1 ? 'member' : 'members'} · joined dates in {tenant.timezone}
          </p>
        </div>
      </header>

      {data.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={pagination.total === 0 ? 'No members yet' : 'Nothing on this page'}
          description={pagination.total === 0 ? undefined : `The list has ${pagination.totalPages} ${pagination.totalPages === 1 ? 'page' : 'pages'}.`}
          action={
            pagination.total > 0 ? (
              <Link href={href(1)} className={buttonClasses({ variant: 'secondary' })}>
                Go to the first page
              </Link>
            ) : undefined
          }
        />
      ) : (
        <div
          className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
          role="region"
          aria-labelledby="team-caption"
          tabIndex={0}
        >
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="team-caption" className="sr-only">
              Members of {tenant.name}, page {pagination.page} of {pagination.totalPages}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">Name</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">Email</th>
                <th scope="col" className="px-4 py-3 font-semibold">Role</th>
                <th scope="col" className="px-4 py-3 font-semibold">2FA</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">Joined</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.map((m) => (
                <tr key={m.id}>
                  <td className="px-4 py-3">
                    <span className="font-medium text-slate-900">{m.name}</span>
                    {/* On narrow screens the email and date columns fold into the name cell. */}
                    <span className="block break-all text-slate-600 sm:hidden">{m.email}</span>
                    <span className="block text-slate-600 md:hidden">
                      Joined <time dateTime={m.joinedAt.toISOString()}>{formatDate(m.joinedAt, tenant.timezone)}</time>
                    </span>
                  </td>
                  <td className="hidden px-4 py-3 break-all text-slate-700 sm:table-cell">{m.email}</td>
                  <td className="px-4 py-3">
                    <Badge tone={m.role === 'owner' || m.role === 'admin' ? 'brand' : 'neutral'}>{roleLabels[m.role]}</Badge>
                  </td>
                  <td className="px-4 py-3">
                    {m.twoFactorEnabled ? <Badge tone="success">Yes</Badge> : <span className="text-slate-700">No</span>}
                  </td>
                  <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 md:table-cell">
                    <time dateTime={m.joinedAt.toISOString()}>{formatDate(m.joinedAt, tenant.timezone)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pagination.totalPages > 1 ? (
        <nav aria-label="Team pages" className="mt-4 flex items-center justify-between gap-3 text-sm">
          <PageLink href={pagination.page > 1 ? href(Math.min(pagination.page - 1, pagination.totalPages)) : null} rel="prev">
            Previous
          </PageLink>
          <span className="text-slate-700">
            Page {pagination.page} of {pagination.totalPages}
          </span>
          <PageLink href={pagination.hasMore ? href(pagination.page + 1) : null} rel="next">
            Next
          </PageLink>
        </nav>
      ) : null}
    </div>
  );
}

function PageLink({ href, rel, children }: { href: string | null; rel: 'prev' | 'next'; children: string }) {
  if (!href) {
    return (
      <span aria-disabled="true" className={buttonClasses({ variant: 'secondary', size: 'sm', className: 'pointer-events-none opacity-60' })}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} rel={rel} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
      {children}
    </Link>
  );
}

'use client';

import { useParams } from 'next/navigation';
import { PageError } from '../_components/page-error';

// Inside the dashboard shell, so the sidebar stays usable while one page fails.
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  const { slug } = useParams<{ slug: string }>();
  return <PageError error={error} retry={retry} backHref={slug ? `/dashboard/${slug}` : '/dashboard'} />;
}

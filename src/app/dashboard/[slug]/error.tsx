'use client';

import { ErrorPanel } from '../../_components/error-panel';

// Inside the dashboard shell, so the sidebar stays usable while one page fails.
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} homeHref="/dashboard" />;
}

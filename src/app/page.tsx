import { getDatabase } from '@/db/client';
import { listDemoOrganizations } from '@/modules/organizations';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const { db } = await getDatabase();
  const orgs = await listDemoOrganizations({ db, tenant: null, actor: { type: 'anonymous' }, now: new Date(), request: { requestId: null, ip: null, userAgent: null } });
  return <main className="p-8"><h1 className="text-2xl font-bold">Bookline</h1><ul>{orgs.map((o) => <li key={o.slug}>{o.name}</li>)}</ul></main>;
}

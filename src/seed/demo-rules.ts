/**
 * ReservePTY's booking rules (seed 002: "a comprehensive rule engine" with approvals), written
 * as data in the organization's seed transaction, before its demo bookings are placed, so the
 * demo's own reservations went through them: the member's flight waits for approval, their
 * four-night stay too. Rules name resources by catalog key and tiers by name; dates that
 * depend on today (a maintenance closure) are computed from the seed's `now`.
 */
import { DateTime } from 'luxon';
import type { Tx } from '@/db/client';
import { bookingRules, resources } from '@/db/schema';
import { eq } from 'drizzle-orm';
import type { RuleKind, RuleOutcome } from '@/db/enums';
import { newId } from '@/lib/ids';
import { demoCatalogs } from './demo-catalog';

interface DemoRule {
  name: string;
  es: string;
  kind: RuleKind;
  params: (today: DateTime) => Record<string, unknown>;
  section?: string;
  resource?: string;
  tier?: string;
  outcome: RuleOutcome;
  approvers?: { roles: ('owner' | 'admin' | 'manager')[] };
}

const same = (p: Record<string, unknown>) => () => p;

const reservepty: DemoRule[] = [
  { name: 'Planes: Platinum and Gold members', es: 'Aviones: miembros Platino y Oro', kind: 'tier_only', params: same({ tierIds: ['Platinum', 'Gold'] }), section: 'planes', outcome: 'deny' },
  {
    name: 'Gold members’ flights need approval',
    es: 'Los vuelos de miembros Oro necesitan aprobación',
    kind: 'tier_only',
    params: same({ tierIds: ['Platinum'] }),
    section: 'planes',
    tier: 'Gold',
    outcome: 'approval',
    approvers: { roles: ['owner', 'admin', 'manager'] },
  },
  { name: 'Helicopters: Platinum and Gold members', es: 'Helicópteros: miembros Platino y Oro', kind: 'tier_only', params: same({ tierIds: ['Platinum', 'Gold'] }), section: 'helicopters', outcome: 'deny' },
  { name: 'Citation CJ3: 7 days’ notice', es: 'Citation CJ3: 7 días de antelación', kind: 'lead_time', params: same({ action: 'create', minHours: 168 }), resource: 'cj3', outcome: 'deny' },
  { name: 'Flights: 2 per member per month', es: 'Vuelos: 2 por miembro al mes', kind: 'quota', params: same({ limit: 2, unit: 'reservations', period: 'month', per: 'section' }), section: 'planes', outcome: 'deny' },
  { name: 'Residences: at most 14 nights', es: 'Residencias: máximo 14 noches', kind: 'max_consecutive', params: same({ max: 14, unit: 'nights' }), section: 'residences', outcome: 'deny' },
  {
    name: 'Stays of more than 3 nights need approval',
    es: 'Las estancias de más de 3 noches necesitan aprobación',
    kind: 'max_consecutive',
    params: same({ max: 3, unit: 'nights' }),
    section: 'residences',
    outcome: 'approval',
    approvers: { roles: ['owner', 'admin', 'manager'] },
  },
  {
    name: 'Peak season: 7 residence nights per member per year',
    es: 'Temporada alta: 7 noches de residencia por miembro al año',
    kind: 'quota',
    // Christmas to mid-January, and the Carnival weeks.
    params: same({ limit: 7, unit: 'nights', period: 'year', per: 'section', peak: [{ from: '12-15', to: '01-15' }, { from: '02-10', to: '02-20' }] }),
    section: 'residences',
    outcome: 'deny',
  },
  { name: 'Watercraft: 48 hours’ notice', es: 'Embarcaciones: 48 horas de antelación', kind: 'lead_time', params: same({ action: 'create', minHours: 48 }), section: 'watercraft', outcome: 'deny' },
  {
    name: 'Boquete lodge: roof maintenance',
    es: 'Boquete: mantenimiento del techo',
    kind: 'blackout',
    params: (today) => ({ from: today.plus({ days: 20 }).toISODate(), to: today.plus({ days: 23 }).toISODate(), reason: 'Roof maintenance' }),
    resource: 'boquete',
    outcome: 'deny',
  },
  { name: 'Helicopter: 12 hours between a member’s flights', es: 'Helicóptero: 12 horas entre vuelos de un miembro', kind: 'min_gap', params: same({ hours: 12, per: 'resource' }), resource: 'bell407', outcome: 'warn' },
  { name: 'At most 6 upcoming reservations per member', es: 'Máximo 6 reservas próximas por miembro', kind: 'max_upcoming', params: same({ limit: 6, per: 'organization' }), outcome: 'deny' },
];

export const demoRules: Record<string, { rules: DemoRule[] }> = { reservepty: { rules: reservepty } };

/** Inserts the organization's demo rules (none for most); returns how many. */
export async function seedRules(tx: Tx, organizationId: string, slug: string, timezone: string, tierIds: ReadonlyMap<string, string>, now: Date): Promise<number> {
  const demo = demoRules[slug];
  if (!demo) return 0;
  const names = new Map((demoCatalogs[slug]?.resources ?? []).map((r) => [r.key, r.name]));
  const ids = new Map((await tx.select({ id: resources.id, name: resources.name }).from(resources).where(eq(resources.organizationId, organizationId))).map((r) => [r.name, r.id]));
  const resourceId = (key: string) => {
    const id = ids.get(names.get(key) ?? '');
    if (!id) throw new Error(`demo rules: ${slug} has no resource ${key}`);
    return id;
  };
  const tierId = (name: string) => {
    const id = tierIds.get(name);
    if (!id) throw new Error(`demo rules: ${slug} has no tier ${name}`);
    return id;
  };
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  await tx.insert(bookingRules).values(
    demo.rules.map((r, i) => {
      const params = { ...r.params(today) };
      if (r.kind === 'tier_only') params.tierIds = (params.tierIds as string[]).map(tierId);
      return {
        id: newId('bookingRule'),
        organizationId,
        name: r.name,
        translations: { es: { name: r.es } },
        kind: r.kind,
        params,
        scope: r.resource ? ('resource' as const) : r.section ? ('section' as const) : ('organization' as const),
        section: r.resource ? null : (r.section ?? null),
        resourceId: r.resource ? resourceId(r.resource) : null,
        tierId: r.tier ? tierId(r.tier) : null,
        outcome: r.outcome,
        adminsExempt: true,
        approvers: { roles: r.approvers?.roles ?? ['owner', 'admin'], memberIds: [] },
        sortOrder: i,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  return demo.rules.length;
}

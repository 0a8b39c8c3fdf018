/**
 * The rules engine, pure (modules/rules/engine.ts): properties over generated rules, requests and
 * booking histories (fast-check), and examples for each kind's edges — local days across DST,
 * seasons that wrap the new year, runs of stays, exemptions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleKind, RuleOutcome } from '@/db/enums';
import { type CountedBooking, evaluateRules, type RuleDef, type RuleInput } from '@/modules/rules';

const H = 3_600_000;
const D = 24 * H;
const zone = 'America/Panama';
const NOW = Date.UTC(2026, 0, 5, 12); // Monday 5 January 2026, 07:00 in Panama (UTC−5, no DST)
const local = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h + 5);

let seq = 0;
function def<K extends RuleKind>(kind: K, params: RuleDef<K>['params'], extra: Partial<RuleDef> = {}): RuleDef {
  return { id: `rule_${++seq}`, name: `${kind} ${seq}`, kind, params, scope: 'organization', section: null, resourceId: null, tierId: null, outcome: 'deny', adminsExempt: true, ...extra } as RuleDef;
}

function input(start: number, end: number, over: Partial<RuleInput> = {}, request: Partial<RuleInput['request']> = {}): RuleInput {
  return {
    request: { action: 'create', resourceId: 'res_a', resourceName: 'Gulfstream', section: 'Aircraft', start, end, zone, now: NOW, ...request },
    booker: { member: true, tierId: 'tier_gold', isAdmin: false },
    bookings: [],
    tiers: [
      { id: 'tier_gold', name: 'Gold', names: { es: 'Oro' } },
      { id: 'tier_silver', name: 'Silver' },
    ],
    ...over,
  };
}

// ─── Generators ──────────────────────────────────────────────────────────────────────────────

const outcome = fc.constantFrom<RuleOutcome>('deny', 'approval', 'warn');
const hour = fc.integer({ min: 0, max: 24 * 400 });
const resourceId = fc.constantFrom('res_a', 'res_b', 'res_c');
const sectionOf = (r: string) => (r === 'res_c' ? 'Watercraft' : 'Aircraft');

const ruleArb: fc.Arbitrary<RuleDef> = fc
  .record({
    kind: fc.constantFrom<RuleKind>('blackout', 'lead_time', 'duration', 'max_consecutive', 'min_gap', 'quota', 'max_upcoming', 'tier_only'),
    outcome,
    adminsExempt: fc.boolean(),
    scope: fc.constantFrom('organization', 'section', 'resource') as fc.Arbitrary<RuleDef['scope']>,
    resource: resourceId,
    tierId: fc.option(fc.constantFrom('tier_gold', 'tier_silver'), { nil: null }),
    n: fc.integer({ min: 0, max: 10 }),
    m: fc.integer({ min: 1, max: 400 }),
    day: fc.integer({ min: 1, max: 28 }),
    len: fc.integer({ min: 0, max: 20 }),
    unit: fc.constantFrom('reservations', 'hours', 'nights'),
    period: fc.constantFrom('day', 'week', 'month', 'year'),
    per: fc.constantFrom('resource', 'section', 'organization'),
    action: fc.constantFrom('create', 'change', 'cancel'),
    runUnit: fc.constantFrom('days', 'nights'),
  })
  .map((g) => {
    const params = {
      blackout: { from: `2026-02-${String(g.day).padStart(2, '0')}`, to: `2026-02-${String(Math.min(28, g.day + g.len)).padStart(2, '0')}`, reason: 'Maintenance' },
      lead_time: g.action === 'create' ? { action: g.action, minHours: g.n * 12, maxDays: g.m } : { action: g.action, minHours: g.n * 12 },
      duration: { minMinutes: g.n * 30 + 1, maxMinutes: g.n * 30 + 1 + g.m * 60 },
      max_consecutive: { max: g.n + 1, unit: g.runUnit },
      min_gap: { hours: g.n + 1, per: g.per },
      quota: { limit: g.n, unit: g.unit, period: g.period, per: g.per },
      max_upcoming: { limit: g.n + 1, per: g.per },
      tier_only: { tierIds: g.tierId ? [g.tierId] : ['tier_silver'] },
    }[g.kind];
    return def(g.kind, params as never, {
      outcome: g.outcome,
      adminsExempt: g.adminsExempt,
      scope: g.scope,
      section: g.scope === 'section' ? sectionOf(g.resource) : null,
      resourceId: g.scope === 'resource' ? g.resource : null,
      tierId: g.kind === 'tier_only' ? null : g.tierId,
    });
  });

const bookingArb: fc.Arbitrary<CountedBooking> = fc.record({ r: resourceId, start: hour, length: fc.integer({ min: 1, max: 24 * 6 }), n: fc.nat() }).map((b) => ({
  id: `bkg_${b.n}_${b.start}`,
  resourceId: b.r,
  section: sectionOf(b.r),
  start: NOW + b.start * H,
  end: NOW + (b.start + b.length) * H,
}));

const inputArb: fc.Arbitrary<RuleInput> = fc
  .record({
    r: resourceId,
    start: hour,
    length: fc.integer({ min: 1, max: 24 * 10 }),
    member: fc.boolean(),
    tierId: fc.option(fc.constantFrom('tier_gold', 'tier_silver'), { nil: null }),
    isAdmin: fc.boolean(),
    bookings: fc.array(bookingArb, { maxLength: 30 }),
    action: fc.constantFrom('create', 'change', 'cancel') as fc.Arbitrary<'create' | 'change' | 'cancel'>,
  })
  .map((g) =>
    input(
      NOW + g.start * H,
      NOW + (g.start + g.length) * H,
      { booker: { member: g.member, tierId: g.member ? g.tierId : null, isAdmin: g.isAdmin }, bookings: g.bookings },
      { resourceId: g.r, section: sectionOf(g.r), action: g.action, currentStart: NOW + g.start * H },
    ),
  );

describe('properties', () => {
  it('never allows what a deny rule forbids on its own, and the verdict is the strictest failed outcome', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 12 }), inputArb, (rules, i) => {
        const decision = evaluateRules(rules, i);
        for (const r of rules) {
          const alone = evaluateRules([r], i);
          if (r.outcome === 'deny' && alone.verdict === 'deny') expect(decision.verdict).toBe('deny');
          // A rule's result does not depend on the other rules.
          expect(decision.results.find((x) => x.ruleId === r.id)).toEqual(alone.results[0]);
        }
        const failed = decision.results.filter((r) => !r.passed).map((r) => r.outcome);
        expect(decision.verdict).toBe(failed.includes('deny') ? 'deny' : failed.includes('approval') ? 'approval' : 'allow');
        expect(decision.results).toHaveLength(rules.length);
        for (const r of decision.results) {
          expect(r.reason.en.length).toBeGreaterThan(0);
          expect(r.reason.es.length).toBeGreaterThan(0);
          if (!r.applies) expect(r.passed).toBe(true);
          if (r.exempt) expect(i.booker.isAdmin).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('adding a rule never turns a deny into an allow, nor an approval into an allow', () => {
    const rank = { allow: 0, approval: 1, deny: 2 } as const;
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 10 }), ruleArb, inputArb, (rules, extra, i) => {
        expect(rank[evaluateRules([...rules, extra], i).verdict]).toBeGreaterThanOrEqual(rank[evaluateRules(rules, i).verdict]);
      }),
      { numRuns: 400 },
    );
  });

  it('a reservation quota passes exactly when the bookings already in the period, plus this one, fit the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.array(fc.integer({ min: 1, max: 27 }), { maxLength: 12 }), fc.integer({ min: 1, max: 27 }), (limit, days, day) => {
        // Bookings in February and March; the request in February: only February's count.
        const bookings = days.flatMap((d, k) => [
          { id: `f${k}`, resourceId: 'res_a', section: 'Aircraft', start: local(2026, 2, d, 10), end: local(2026, 2, d, 11) },
          { id: `m${k}`, resourceId: 'res_a', section: 'Aircraft', start: local(2026, 3, d, 10), end: local(2026, 3, d, 11) },
        ]);
        const rule = def('quota', { limit, unit: 'reservations', period: 'month', per: 'resource' });
        const result = evaluateRules([rule], input(local(2026, 2, day, 14), local(2026, 2, day, 15), { bookings })).results[0]!;
        expect(result.passed).toBe(days.length + 1 <= limit);
        if (!result.passed) expect(result.values).toMatchObject({ used: days.length, asked: 1, limit });
      }),
      { numRuns: 300 },
    );
  });

  it('an exempt admin passes every rule that exempts admins, and only those', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 10 }), inputArb, (rules, i) => {
        const asAdmin = evaluateRules(rules, { ...i, booker: { ...i.booker, isAdmin: true } });
        const asMember = evaluateRules(rules, { ...i, booker: { ...i.booker, isAdmin: false } });
        rules.forEach((rule, k) => {
          const admin = asAdmin.results[k]!;
          const member = asMember.results[k]!;
          if (rule.adminsExempt) expect(admin.passed).toBe(true);
          else expect(admin.passed).toBe(member.passed);
          expect(admin.exempt).toBe(rule.adminsExempt && !member.passed);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('each kind', () => {
  it('blackout: local dates, inclusive, with the reason', () => {
    const rule = def('blackout', { from: '2026-02-10', to: '2026-02-11', reason: 'Annual inspection' });
    expect(evaluateRules([rule], input(local(2026, 2, 11, 23), local(2026, 2, 12, 1))).verdict).toBe('deny');
    expect(evaluateRules([rule], input(local(2026, 2, 12, 0), local(2026, 2, 12, 2))).verdict).toBe('allow');
    expect(evaluateRules([rule], input(local(2026, 2, 9, 20), local(2026, 2, 10, 0))).verdict).toBe('allow');
    expect(evaluateRules([rule], input(local(2026, 2, 11, 9), local(2026, 2, 11, 10))).results[0]!.reason.en).toBe('Gulfstream cannot be booked from 2026-02-10 to 2026-02-11: Annual inspection.');
  });

  it('max consecutive nights joins touching stays and speaks for the tier', () => {
    const rule = def('max_consecutive', { max: 3, unit: 'nights' }, { tierId: 'tier_gold' });
    const stay = (d: number, nights: number) => ({ id: `s${d}`, resourceId: 'res_a', section: 'Aircraft', start: local(2026, 2, d, 15), end: local(2026, 2, d + nights, 11) });
    // Two nights, then three more starting the day the first ends: a run of five.
    const res = evaluateRules([rule], input(local(2026, 2, 12, 15), local(2026, 2, 15, 11), { bookings: [stay(10, 2)] })).results[0]!;
    expect(res.passed).toBe(false);
    expect(res.reason.en).toBe('Gold members may book Gulfstream for at most 3 nights; you asked for 5 nights.');
    expect(res.reason.es).toBe('Los miembros Oro pueden reservar Gulfstream por un máximo de 3 noches; pediste 5 noches.');
    // A night's gap breaks the run; another asset never joins it.
    expect(evaluateRules([rule], input(local(2026, 2, 13, 15), local(2026, 2, 16, 11), { bookings: [stay(10, 2)] })).verdict).toBe('allow');
    expect(evaluateRules([rule], input(local(2026, 2, 12, 15), local(2026, 2, 15, 11), { bookings: [{ ...stay(10, 2), resourceId: 'res_b' }] })).verdict).toBe('allow');
    // Silver members are not concerned.
    expect(evaluateRules([rule], input(local(2026, 2, 12, 15), local(2026, 2, 25, 11), { booker: { member: true, tierId: 'tier_silver', isAdmin: false } })).results[0]!.applies).toBe(false);
  });

  it('quota in hours and nights, only in peak seasons that wrap the year, only on given weekdays', () => {
    const peak = def('quota', { limit: 4, unit: 'nights', period: 'year', per: 'section', peak: [{ from: '12-15', to: '01-10' }] });
    const before = [{ id: 'x', resourceId: 'res_b', section: 'Aircraft', start: local(2025, 12, 20, 15), end: local(2025, 12, 23, 11) }];
    // 2025's nights are another year; 2026's first January nights are in season.
    expect(evaluateRules([peak], input(local(2026, 1, 6, 15), local(2026, 1, 10, 11), { bookings: before })).verdict).toBe('allow');
    const within = [{ id: 'y', resourceId: 'res_b', section: 'Aircraft', start: local(2026, 1, 2, 15), end: local(2026, 1, 4, 11) }];
    const over = evaluateRules([peak], input(local(2026, 1, 6, 15), local(2026, 1, 9, 11), { bookings: within })).results[0]!;
    expect(over).toMatchObject({ passed: false, values: expect.objectContaining({ used: 2, asked: 3 }) });
    // Out of season: not counted at all.
    expect(evaluateRules([peak], input(local(2026, 3, 6, 15), local(2026, 3, 20, 11), { bookings: within })).results[0]).toMatchObject({ applies: true, passed: true, code: 'quota_off_peak' });

    const weekends = def('quota', { limit: 3, unit: 'hours', period: 'week', per: 'resource', weekdays: [6, 7] });
    const saturday = [{ id: 'z', resourceId: 'res_a', section: 'Aircraft', start: local(2026, 2, 7, 9), end: local(2026, 2, 7, 11) }];
    expect(evaluateRules([weekends], input(local(2026, 2, 8, 9), local(2026, 2, 8, 11), { bookings: saturday })).verdict).toBe('deny');
    expect(evaluateRules([weekends], input(local(2026, 2, 8, 9), local(2026, 2, 8, 10), { bookings: saturday })).verdict).toBe('allow');
    // A weekday request is not counted.
    expect(evaluateRules([weekends], input(local(2026, 2, 9, 9), local(2026, 2, 9, 17), { bookings: saturday })).verdict).toBe('allow');
  });

  it('a month is the local month across a DST change', () => {
    const rule = def('quota', { limit: 1, unit: 'reservations', period: 'month', per: 'organization' });
    const ny = 'America/New_York';
    // 31 October 23:30 New York is 1 November 03:30 UTC: it counts for October.
    const october = [{ id: 'o', resourceId: 'res_a', section: 'Aircraft', start: Date.UTC(2026, 10, 1, 3, 30), end: Date.UTC(2026, 10, 1, 4, 30) }];
    const nov = input(Date.UTC(2026, 10, 2, 15), Date.UTC(2026, 10, 2, 16), { bookings: october }, { zone: ny });
    expect(evaluateRules([rule], nov).verdict).toBe('allow');
    const oct = input(Date.UTC(2026, 9, 30, 15), Date.UTC(2026, 9, 30, 16), { bookings: october }, { zone: ny });
    expect(evaluateRules([rule], oct).verdict).toBe('deny');
  });

  it('lead time per action, min gap, max upcoming, tier only for guests', () => {
    const lead = def('lead_time', { action: 'create', minHours: 168 });
    expect(evaluateRules([lead], input(NOW + 2 * D, NOW + 3 * D)).results[0]!.reason.en).toBe('Gulfstream must be booked at least 168 hours ahead; this starts in 48 hours.');
    const cancel = def('lead_time', { action: 'cancel', minHours: 48 });
    expect(evaluateRules([cancel], input(NOW + D, NOW + 2 * D)).results[0]!.applies).toBe(false);
    expect(evaluateRules([cancel], input(NOW + D, NOW + 2 * D, {}, { action: 'cancel' })).verdict).toBe('deny');
    // A change is held to the creation notice for its new time, and to the change notice before the old one.
    expect(evaluateRules([lead], input(NOW + D, NOW + 2 * D, {}, { action: 'change', currentStart: NOW + 30 * D })).verdict).toBe('deny');

    const gap = def('min_gap', { hours: 24, per: 'section' });
    const mine = [{ id: 'g', resourceId: 'res_b', section: 'Aircraft', start: NOW + 10 * D, end: NOW + 10 * D + 2 * H }];
    expect(evaluateRules([gap], input(NOW + 11 * D, NOW + 11 * D + H, { bookings: mine })).verdict).toBe('deny');
    expect(evaluateRules([gap], input(NOW + 11 * D + 3 * H, NOW + 11 * D + 4 * H, { bookings: mine })).verdict).toBe('allow');
    expect(evaluateRules([gap], input(NOW + 11 * D, NOW + 11 * D + H, { bookings: mine }, { resourceId: 'res_c', section: 'Watercraft' })).verdict).toBe('allow');

    const upcoming = def('max_upcoming', { limit: 2, per: 'organization' });
    const past = { id: 'p', resourceId: 'res_a', section: 'Aircraft', start: NOW - 3 * D, end: NOW - 2 * D };
    const future = { id: 'f', resourceId: 'res_b', section: 'Aircraft', start: NOW + 3 * D, end: NOW + 4 * D };
    expect(evaluateRules([upcoming], input(NOW + 5 * D, NOW + 6 * D, { bookings: [past, future] })).verdict).toBe('allow');
    expect(evaluateRules([upcoming], input(NOW + 5 * D, NOW + 6 * D, { bookings: [past, future, { ...future, id: 'f2' }] })).verdict).toBe('deny');

    const only = def('tier_only', { tierIds: ['tier_gold'] });
    expect(evaluateRules([only], input(NOW + D, NOW + 2 * D, { booker: { member: false, tierId: null, isAdmin: false } })).results[0]!.reason.en).toBe('Only signed-in Gold members may book Gulfstream.');
    // In Spanish, the tier's and the asset's Spanish names.
    const es = evaluateRules([only], input(NOW + D, NOW + 2 * D, { booker: { member: true, tierId: 'tier_silver', isAdmin: false } }, { resourceName: 'Beach house', resourceNames: { es: 'Casa de playa' } })).results[0]!;
    expect(es.reason).toEqual({ en: 'Only Gold members may book Beach house.', es: 'Solo los miembros Oro pueden reservar Casa de playa.' });
  });
});

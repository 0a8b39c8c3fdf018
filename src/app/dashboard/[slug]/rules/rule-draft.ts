/**
 * The rule form's state and its way to the API: every input is kept as typed (strings, so a
 * half-typed number survives an error), turned into `createRuleInput` only on submit, and
 * checked there with the server's own schemas (`ruleParamsSchemas[kind]`, `createRuleInput`).
 * Problems come back keyed by the API's paths (`params.maxMinutes`), so the server's
 * `details.fields` and the browser's own check land on the same inputs.
 */
import type { z } from 'zod';
import type { FieldErrors } from '@/app/_lib/api';
import { sentence } from '@/app/_lib/api';
import type { MemberRole, RuleKind, RuleOutcome, RuleScope } from '@/db/enums';
import { createRuleInput, type CreateRuleInput, ruleParamsSchemas, type RuleDto } from '@/modules/rules/schemas';

export type Locale = 'en' | 'es';
export type Per = 'resource' | 'section' | 'organization';
export type LengthUnit = 'hours' | 'days';

export interface PeakDraft {
  from: string;
  to: string;
}

export interface RuleDraft {
  name: string;
  translatedName: string;
  kind: RuleKind;
  scope: RuleScope;
  section: string;
  resourceId: string;
  tierId: string;
  outcome: RuleOutcome;
  adminsExempt: boolean;
  active: boolean;
  approverRoles: MemberRole[];
  approverMemberIds: string[];
  // blackout
  from: string;
  to: string;
  reason: string;
  // lead_time
  action: 'create' | 'change' | 'cancel';
  minHours: string;
  maxDays: string;
  // duration (entered in hours or days, sent in minutes)
  lengthUnit: LengthUnit;
  minLength: string;
  maxLength: string;
  // max_consecutive
  consecutiveMax: string;
  consecutiveUnit: 'days' | 'nights';
  // min_gap
  gapHours: string;
  // quota, max_upcoming, min_gap
  per: Per;
  limit: string;
  quotaUnit: 'reservations' | 'hours' | 'nights';
  period: 'day' | 'week' | 'month' | 'year';
  peak: PeakDraft[];
  weekdays: number[];
  // tier_only
  tierIds: string[];
}

export const emptyDraft: RuleDraft = {
  name: '',
  translatedName: '',
  kind: 'blackout',
  scope: 'organization',
  section: '',
  resourceId: '',
  tierId: '',
  outcome: 'deny',
  adminsExempt: true,
  active: true,
  approverRoles: ['owner', 'admin'],
  approverMemberIds: [],
  from: '',
  to: '',
  reason: '',
  action: 'create',
  minHours: '',
  maxDays: '',
  lengthUnit: 'hours',
  minLength: '',
  maxLength: '',
  consecutiveMax: '',
  consecutiveUnit: 'nights',
  gapHours: '',
  per: 'organization',
  limit: '',
  quotaUnit: 'reservations',
  period: 'month',
  peak: [],
  weekdays: [],
  tierIds: [],
};

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const MINUTES: Record<LengthUnit, number> = { hours: 60, days: 1440 };

/** A stored rule as the form shows it (durations in days when they are whole days). */
export function draftFromRule(rule: RuleDto, translationLocale: Locale): RuleDraft {
  const p = rule.params as Record<string, unknown>;
  const draft: RuleDraft = {
    ...emptyDraft,
    name: rule.name,
    translatedName: rule.translations[translationLocale]?.name ?? '',
    kind: rule.kind,
    scope: rule.scope,
    section: rule.section ?? '',
    resourceId: rule.resourceId ?? '',
    tierId: rule.tierId ?? '',
    outcome: rule.outcome,
    adminsExempt: rule.adminsExempt,
    active: rule.active,
    approverRoles: [...rule.approvers.roles],
    approverMemberIds: [...rule.approvers.memberIds],
  };
  switch (rule.kind) {
    case 'blackout':
      return { ...draft, from: str(p.from), to: str(p.to), reason: str(p.reason) };
    case 'lead_time':
      return { ...draft, action: (p.action as RuleDraft['action']) ?? 'create', minHours: str(p.minHours), maxDays: str(p.maxDays) };
    case 'duration': {
      const values = [p.minMinutes, p.maxMinutes].filter((v): v is number => typeof v === 'number');
      const unit: LengthUnit = values.length > 0 && values.every((v) => v % 1440 === 0) ? 'days' : 'hours';
      const show = (v: unknown) => (typeof v === 'number' ? String(v / MINUTES[unit]) : '');
      return { ...draft, lengthUnit: unit, minLength: show(p.minMinutes), maxLength: show(p.maxMinutes) };
    }
    case 'max_consecutive':
      return { ...draft, consecutiveMax: str(p.max), consecutiveUnit: (p.unit as RuleDraft['consecutiveUnit']) ?? 'nights' };
    case 'min_gap':
      return { ...draft, gapHours: str(p.hours), per: (p.per as Per) ?? 'organization' };
    case 'quota':
      return {
        ...draft,
        limit: str(p.limit),
        quotaUnit: (p.unit as RuleDraft['quotaUnit']) ?? 'reservations',
        period: (p.period as RuleDraft['period']) ?? 'month',
        per: (p.per as Per) ?? 'organization',
        peak: Array.isArray(p.peak) ? (p.peak as PeakDraft[]).map((s) => ({ from: s.from, to: s.to })) : [],
        weekdays: Array.isArray(p.weekdays) ? (p.weekdays as number[]) : [],
      };
    case 'max_upcoming':
      return { ...draft, limit: str(p.limit), per: (p.per as Per) ?? 'organization' };
    case 'tier_only':
      return { ...draft, tierIds: Array.isArray(p.tierIds) ? (p.tierIds as string[]) : [] };
  }
}

/** A typed number: empty → left out; anything else → a number (NaN lets the schema say "must be a number"). */
function num(value: string): number | undefined {
  const v = value.trim();
  return v === '' ? undefined : Number(v);
}

/** Hours or days → minutes; fractions of an hour are kept if they make whole minutes. */
function minutes(value: string, unit: LengthUnit): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : Math.round(n * MINUTES[unit] * 1000) / 1000;
}

function paramsOf(d: RuleDraft): Record<string, unknown> {
  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  switch (d.kind) {
    case 'blackout':
      return { from: d.from, to: d.to, reason: d.reason };
    case 'lead_time':
      return defined({ action: d.action, minHours: num(d.minHours), maxDays: d.action === 'create' ? num(d.maxDays) : undefined });
    case 'duration':
      return defined({ minMinutes: minutes(d.minLength, d.lengthUnit), maxMinutes: minutes(d.maxLength, d.lengthUnit) });
    case 'max_consecutive':
      return { max: num(d.consecutiveMax), unit: d.consecutiveUnit };
    case 'min_gap':
      return { hours: num(d.gapHours), per: d.per };
    case 'quota':
      return defined({
        limit: num(d.limit),
        unit: d.quotaUnit,
        period: d.period,
        per: d.per,
        peak: d.peak.length ? d.peak.map((s) => ({ from: s.from.trim(), to: s.to.trim() })) : undefined,
        weekdays: d.weekdays.length ? [...d.weekdays].sort() : undefined,
      });
    case 'max_upcoming':
      return { limit: num(d.limit), per: d.per };
    case 'tier_only':
      return { tierIds: d.tierIds };
  }
}

/** The body the API takes; the translated name keeps the other languages' entries of an edited rule. */
export function inputOf(d: RuleDraft, translationLocale: Locale, existing?: RuleDto | null): CreateRuleInput {
  const translations = { ...(existing?.translations ?? {}), [translationLocale]: { ...(existing?.translations[translationLocale] ?? {}), name: d.translatedName.trim() } };
  return {
    name: d.name,
    translations: translations as CreateRuleInput['translations'],
    kind: d.kind,
    params: paramsOf(d),
    scope: d.scope,
    section: d.scope === 'section' ? d.section || null : null,
    resourceId: d.scope === 'resource' ? d.resourceId || null : null,
    tierId: d.tierId || null,
    outcome: d.outcome,
    adminsExempt: d.adminsExempt,
    approvers: { roles: d.approverRoles, memberIds: d.approverMemberIds },
    active: d.active,
  };
}

export type RuleIssueKey =
  | 'required'
  | 'tooLong'
  | 'min'
  | 'max'
  | 'number'
  | 'wholeNumber'
  | 'date'
  | 'monthDay'
  | 'toBeforeFrom'
  | 'leadNeedsOne'
  | 'lengthNeedsOne'
  | 'maxBelowMin'
  | 'pickTier'
  | 'pickSection'
  | 'pickResource';
export type RuleIssueText = (key: RuleIssueKey, values?: Record<string, number>) => string;

type Issue = z.ZodError['issues'][number];

/** The common problems in the reader's language; the rest in the schema's own words. */
function issueText(issue: Issue, path: string, t: RuleIssueText, unit: LengthUnit, value: unknown): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return t('required');
      if (issue.origin === 'array') return path === 'params.tierIds' ? t('pickTier') : t('required');
      if (issue.origin === 'number') return path.endsWith('Minutes') ? t('min', { min: Number(issue.minimum) / MINUTES[unit] }) : t('min', { min: Number(issue.minimum) });
      break;
    case 'too_big':
      if (issue.origin === 'string') return t('tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'number') return path.endsWith('Minutes') ? t('max', { max: Number(issue.maximum) / MINUTES[unit] }) : t('max', { max: Number(issue.maximum) });
      break;
    case 'invalid_type':
      if (value === undefined) return t('required');
      if (issue.expected === 'int') return t('wholeNumber');
      if (issue.expected === 'number') return t('number');
      break;
    case 'invalid_format':
      if (path.endsWith('.from') || path.endsWith('.to')) return path.includes('peak') ? t('monthDay') : t('date');
      break;
    case 'custom':
      if (path === 'params.to') return t('toBeforeFrom');
      if (path === 'params.maxMinutes') return t('maxBelowMin');
      if (path === 'params' && issue.message.includes('minHours')) return t('leadNeedsOne');
      if (path === 'params' && issue.message.includes('minMinutes')) return t('lengthNeedsOne');
      break;
  }
  return sentence(issue.message);
}

/**
 * The body to send, or the problems by path. Whole-number checks see the minutes a duration
 * comes to, so "1.5 hours" is fine and "0.001 hours" is not.
 */
export function checkDraft(d: RuleDraft, translationLocale: Locale, t: RuleIssueText, existing?: RuleDto | null): { ok: true; input: CreateRuleInput } | { ok: false; fields: FieldErrors } {
  const input = inputOf(d, translationLocale, existing);
  const fields: FieldErrors = {};
  const add = (path: string, message: string) => {
    if (!(path in fields)) fields[path] = message;
  };
  // zod 4 leaves the input out of its issues: a missing value is read back by its path.
  const valueAt = (root: unknown, keys: PropertyKey[]) => keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);
  const whole = createRuleInput.safeParse(input);
  if (!whole.success) {
    for (const issue of whole.error.issues) {
      const path = issue.path.map(String).join('.');
      add(path, issueText(issue, path, t, d.lengthUnit, valueAt(input, issue.path)));
    }
  }
  const params = ruleParamsSchemas[d.kind].safeParse(input.params);
  if (!params.success) {
    for (const issue of params.error.issues) {
      const path = ['params', ...issue.path.map(String)].join('.');
      add(path, issueText(issue, path, t, d.lengthUnit, valueAt(input.params, issue.path)));
    }
  }
  if (d.scope === 'section' && !d.section) add('section', t('pickSection'));
  if (d.scope === 'resource' && !d.resourceId) add('resourceId', t('pickResource'));
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, input };
}

/** Where a path's message is shown: the input with that id (errors on `params` go to the kind's first field). */
export function fieldIdOf(path: string, kind: RuleKind): string {
  const map: Record<string, string> = {
    name: 'rule-name',
    'translations.en.name': 'rule-translated-name',
    'translations.es.name': 'rule-translated-name',
    kind: 'rule-kind',
    scope: 'rule-scope-organization',
    section: 'rule-section',
    resourceId: 'rule-resource',
    tierId: 'rule-tier',
    outcome: 'rule-outcome',
    'params.from': 'rule-from',
    'params.to': 'rule-to',
    'params.reason': 'rule-reason',
    'params.action': 'rule-action',
    'params.minHours': 'rule-min-hours',
    'params.maxDays': 'rule-max-days',
    'params.minMinutes': 'rule-min-length',
    'params.maxMinutes': 'rule-max-length',
    'params.max': 'rule-consecutive-max',
    'params.hours': 'rule-gap-hours',
    'params.limit': 'rule-limit',
    'params.tierIds': `rule-tier-only-0`,
  };
  if (map[path]) return map[path];
  if (path.startsWith('params.peak')) {
    const [, , i, end] = path.split('.');
    return `rule-peak-${i ?? 0}-${end === 'to' ? 'to' : 'from'}`;
  }
  if (path.startsWith('params.weekdays')) return 'rule-weekday-1';
  if (path.startsWith('approvers')) return 'rule-approver-owner';
  const first: Record<RuleKind, string> = {
    blackout: 'rule-from',
    lead_time: 'rule-min-hours',
    duration: 'rule-min-length',
    max_consecutive: 'rule-consecutive-max',
    min_gap: 'rule-gap-hours',
    quota: 'rule-limit',
    max_upcoming: 'rule-limit',
    tier_only: 'rule-tier-only-0',
  };
  return first[kind];
}

/**
 * The rules editor's form state (src/app/dashboard/[slug]/rules/rule-draft.ts): what a member
 * types becomes the API's `createRuleInput`, checked with the server's own schemas before it is
 * sent, with problems on the API's paths; a stored rule comes back into the form unchanged.
 */
import { describe, expect, it } from 'vitest';
import { checkDraft, draftFromRule, emptyDraft, fieldIdOf, inputOf, type RuleDraft, type RuleIssueKey } from '@/app/dashboard/[slug]/rules/rule-draft';
import type { RuleDto } from '@/modules/rules/schemas';

const t = (key: RuleIssueKey, values?: Record<string, number>) => (values ? `${key}:${JSON.stringify(values)}` : key);
const RES = 'res_01hzzzzzzzzzzzzzzzzzzzzzzz';
const TIER = 'tier_01hzzzzzzzzzzzzzzzzzzzzzzz';

function stored(input: ReturnType<typeof inputOf>): RuleDto {
  return {
    id: 'rule_01hzzzzzzzzzzzzzzzzzzzzzzz',
    name: input.name,
    translations: (input.translations ?? {}) as RuleDto['translations'],
    kind: input.kind,
    params: input.params,
    scope: input.scope ?? 'organization',
    section: input.section ?? null,
    resourceId: input.resourceId ?? null,
    tierId: input.tierId ?? null,
    outcome: input.outcome,
    adminsExempt: input.adminsExempt ?? true,
    approvers: { roles: input.approvers?.roles ?? [], memberIds: input.approvers?.memberIds ?? [] },
    active: input.active ?? true,
    sortOrder: 0,
    summary: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('rule form drafts', () => {
  it('sends a duration typed in days as minutes, scoped to one asset and tier, and reads it back in days', () => {
    const draft: RuleDraft = { ...emptyDraft, name: 'Gulfstream', translatedName: 'Gulfstream (ES)', kind: 'duration', lengthUnit: 'days', maxLength: '5', scope: 'resource', resourceId: RES, tierId: TIER, outcome: 'approval' };
    const checked = checkDraft(draft, 'es', t);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.input).toMatchObject({ kind: 'duration', params: { maxMinutes: 7200 }, scope: 'resource', resourceId: RES, section: null, tierId: TIER, translations: { es: { name: 'Gulfstream (ES)' } } });
    expect(checked.input.params).not.toHaveProperty('minMinutes');
    const back = draftFromRule(stored(checked.input), 'es');
    expect(back).toMatchObject({ lengthUnit: 'days', maxLength: '5', minLength: '', scope: 'resource', resourceId: RES, tierId: TIER, translatedName: 'Gulfstream (ES)' });
  });

  it('keeps hours when a length is not whole days', () => {
    const checked = checkDraft({ ...emptyDraft, name: 'Short', kind: 'duration', lengthUnit: 'hours', minLength: '1.5', maxLength: '36' }, 'es', t);
    expect(checked.ok && checked.input.params).toEqual({ minMinutes: 90, maxMinutes: 2160 });
    if (checked.ok) expect(draftFromRule(stored(checked.input), 'es')).toMatchObject({ lengthUnit: 'hours', minLength: '1.5', maxLength: '36' });
  });

  it('words the schemas’ problems on the API’s paths', () => {
    const blackout = checkDraft({ ...emptyDraft, name: '', kind: 'blackout', from: '2026-05-10', to: '2026-05-01', reason: '' }, 'es', t);
    expect(blackout.ok).toBe(false);
    if (!blackout.ok) expect(blackout.fields).toMatchObject({ name: 'required', 'params.reason': 'required', 'params.to': 'toBeforeFrom' });

    const lead = checkDraft({ ...emptyDraft, name: 'Notice', kind: 'lead_time' }, 'es', t);
    expect(!lead.ok && lead.fields).toEqual({ params: 'leadNeedsOne' });
    const length = checkDraft({ ...emptyDraft, name: 'Len', kind: 'duration', lengthUnit: 'days', minLength: '3', maxLength: '2' }, 'es', t);
    expect(!length.ok && length.fields).toEqual({ 'params.maxMinutes': 'maxBelowMin' });
    const quota = checkDraft({ ...emptyDraft, name: 'Peak', kind: 'quota', limit: '2.5', peak: [{ from: '12-15', to: '1-10' }] }, 'es', t);
    expect(!quota.ok && quota.fields).toEqual({ 'params.limit': 'wholeNumber', 'params.peak.0.to': 'monthDay' });
    const tiers = checkDraft({ ...emptyDraft, name: 'Tiers', kind: 'tier_only' }, 'es', t);
    expect(!tiers.ok && tiers.fields).toEqual({ 'params.tierIds': 'pickTier' });
    const missing = checkDraft({ ...emptyDraft, name: 'Gap', kind: 'min_gap', gapHours: '' }, 'es', t);
    expect(!missing.ok && missing.fields).toEqual({ 'params.hours': 'required' });
    const scope = checkDraft({ ...emptyDraft, name: 'Scope', kind: 'max_upcoming', limit: '3', scope: 'section' }, 'es', t);
    expect(!scope.ok && scope.fields).toEqual({ section: 'pickSection' });
  });

  it('leaves out what the chosen options make meaningless', () => {
    // A change's notice has no maximum; a section's rule names no asset.
    const input = inputOf({ ...emptyDraft, name: 'Change', kind: 'lead_time', action: 'change', minHours: '24', maxDays: '30', scope: 'section', section: 'Aircraft', resourceId: RES }, 'es');
    expect(input).toMatchObject({ params: { action: 'change', minHours: 24 }, section: 'Aircraft', resourceId: null });
    expect(input.params).not.toHaveProperty('maxDays');
  });

  it('points each problem at an input that the form renders', () => {
    expect(fieldIdOf('params.peak.1.to', 'quota')).toBe('rule-peak-1-to');
    expect(fieldIdOf('params', 'lead_time')).toBe('rule-min-hours');
    expect(fieldIdOf('translations.es.name', 'blackout')).toBe('rule-translated-name');
  });
});

'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { FieldErrors } from '@/app/_lib/api';
import { memberRoles, ruleKinds, ruleOutcomes } from '@/db/enums';
import { Button } from '@/ui/button';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import type { Locale, Per, RuleDraft } from './rule-draft';

export interface Option {
  id: string;
  name: string;
}

export interface RuleFormOptions {
  sections: string[];
  resources: (Option & { section: string | null })[];
  tiers: Option[];
  members: (Option & { role: string })[];
}

const radioClass = 'mt-0.5 size-4 shrink-0 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

function Fieldset({ legend, hint, error, errorId, children, className }: { legend: ReactNode; hint?: ReactNode; error?: string; errorId?: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={className} aria-describedby={error && errorId ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      {hint ? <p className="mt-1 text-sm text-slate-600">{hint}</p> : null}
      <div className="mt-2">{children}</div>
      {error ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function Radio({ id, name, checked, onChange, label }: { id: string; name: string; checked: boolean; onChange: () => void; label: ReactNode }) {
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="radio" name={name} className={radioClass} checked={checked} onChange={onChange} />
      <label htmlFor={id} className="text-sm text-slate-900">
        {label}
      </label>
    </div>
  );
}

const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...new Set([...list, item])] : list.filter((x) => x !== item));

/** The rule's fields: name, kind and its own parameters, where it applies, what it does and who approves. */
export function RuleForm({ draft, onChange, fields, options, translationLocale }: { draft: RuleDraft; onChange: (d: RuleDraft) => void; fields: FieldErrors; options: RuleFormOptions; translationLocale: Locale }) {
  const t = useTranslations('rulesPage.form');
  const tk = useTranslations('rulesPage.kinds');
  const tkh = useTranslations('rulesPage.kindHints');
  const to = useTranslations('rulesPage.outcomes');
  const tp = useTranslations('rulesPage.params');
  const troles = useTranslations('dashboard.roles');
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => onChange({ ...draft, [key]: value });
  const perOptions = (id: string, label: string) => (
    <SelectField id={id} label={label} value={draft.per} onChange={(e) => set('per', e.target.value as Per)}>
      {(['organization', 'section', 'resource'] as const).map((p) => (
        <option key={p} value={p}>
          {tp(`per.${p}`)}
        </option>
      ))}
    </SelectField>
  );
  const rootError = fields.params;

  return (
    <div className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="rule-name" label={t('name')} value={draft.name} required maxLength={120} error={fields.name} onChange={(e) => set('name', e.target.value)} />
        <TextField
          id="rule-translated-name"
          label={t('nameTranslated', { language: translationLocale })}
          lang={translationLocale}
          value={draft.translatedName}
          maxLength={120}
          error={fields[`translations.${translationLocale}.name`]}
          onChange={(e) => set('translatedName', e.target.value)}
        />
      </div>

      <SelectField id="rule-kind" label={t('kind')} hint={tkh(draft.kind)} value={draft.kind} error={fields.kind} onChange={(e) => set('kind', e.target.value as RuleDraft['kind'])}>
        {ruleKinds.map((k) => (
          <option key={k} value={k}>
            {tk(k)}
          </option>
        ))}
      </SelectField>

      <div className="rounded-md border border-slate-200 bg-slate-50 p-3 sm:p-4" data-testid="rule-params">
        {draft.kind === 'blackout' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id="rule-from" type="date" label={tp('blackout.from')} value={draft.from} required error={fields['params.from']} onChange={(e) => set('from', e.target.value)} />
            <TextField id="rule-to" type="date" label={tp('blackout.to')} value={draft.to} required error={fields['params.to']} onChange={(e) => set('to', e.target.value)} />
            <TextField id="rule-reason" label={tp('blackout.reason')} hint={tp('blackout.reasonHint')} value={draft.reason} required maxLength={200} error={fields['params.reason']} className="sm:col-span-2" onChange={(e) => set('reason', e.target.value)} />
          </div>
        ) : null}

        {draft.kind === 'lead_time' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField id="rule-action" label={tp('lead_time.action')} value={draft.action} error={fields['params.action']} className="sm:col-span-2" onChange={(e) => set('action', e.target.value as RuleDraft['action'])}>
              {(['create', 'change', 'cancel'] as const).map((a) => (
                <option key={a} value={a}>
                  {tp(`lead_time.actions.${a}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              id="rule-min-hours"
              type="number"
              inputMode="numeric"
              min={0}
              label={tp('lead_time.minHours')}
              hint={tp('lead_time.minHoursHint')}
              value={draft.minHours}
              error={fields['params.minHours'] ?? rootError}
              onChange={(e) => set('minHours', e.target.value)}
            />
            {draft.action === 'create' ? (
              <TextField
                id="rule-max-days"
                type="number"
                inputMode="numeric"
                min={1}
                label={tp('lead_time.maxDays')}
                hint={tp('lead_time.maxDaysHint')}
                value={draft.maxDays}
                error={fields['params.maxDays']}
                onChange={(e) => set('maxDays', e.target.value)}
              />
            ) : null}
          </div>
        ) : null}

        {draft.kind === 'duration' ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField id="rule-length-unit" label={tp('duration.unit')} value={draft.lengthUnit} onChange={(e) => set('lengthUnit', e.target.value as RuleDraft['lengthUnit'])}>
              <option value="hours">{tp('duration.units.hours')}</option>
              <option value="days">{tp('duration.units.days')}</option>
            </SelectField>
            <TextField
              id="rule-min-length"
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              label={tp('duration.min', { unit: draft.lengthUnit })}
              value={draft.minLength}
              error={fields['params.minMinutes'] ?? rootError}
              onChange={(e) => set('minLength', e.target.value)}
            />
            <TextField
              id="rule-max-length"
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              label={tp('duration.max', { unit: draft.lengthUnit })}
              value={draft.maxLength}
              error={fields['params.maxMinutes']}
              onChange={(e) => set('maxLength', e.target.value)}
            />
          </div>
        ) : null}

        {draft.kind === 'max_consecutive' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id="rule-consecutive-max" type="number" inputMode="numeric" min={1} label={tp('max_consecutive.max')} value={draft.consecutiveMax} required error={fields['params.max']} onChange={(e) => set('consecutiveMax', e.target.value)} />
            <SelectField id="rule-consecutive-unit" label={tp('max_consecutive.unit')} value={draft.consecutiveUnit} onChange={(e) => set('consecutiveUnit', e.target.value as RuleDraft['consecutiveUnit'])}>
              <option value="nights">{tp('max_consecutive.units.nights')}</option>
              <option value="days">{tp('max_consecutive.units.days')}</option>
            </SelectField>
          </div>
        ) : null}

        {draft.kind === 'min_gap' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id="rule-gap-hours" type="number" inputMode="numeric" min={1} label={tp('min_gap.hours')} value={draft.gapHours} required error={fields['params.hours']} onChange={(e) => set('gapHours', e.target.value)} />
            {perOptions('rule-per', tp('min_gap.per'))}
          </div>
        ) : null}

        {draft.kind === 'quota' ? (
          <div className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField id="rule-limit" type="number" inputMode="numeric" min={0} label={tp('quota.limit')} value={draft.limit} required error={fields['params.limit']} onChange={(e) => set('limit', e.target.value)} />
              <SelectField id="rule-quota-unit" label={tp('quota.unit')} value={draft.quotaUnit} onChange={(e) => set('quotaUnit', e.target.value as RuleDraft['quotaUnit'])}>
                {(['reservations', 'hours', 'nights'] as const).map((u) => (
                  <option key={u} value={u}>
                    {tp(`quota.units.${u}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField id="rule-period" label={tp('quota.period')} value={draft.period} onChange={(e) => set('period', e.target.value as RuleDraft['period'])}>
                {(['day', 'week', 'month', 'year'] as const).map((p) => (
                  <option key={p} value={p}>
                    {tp(`quota.periods.${p}`)}
                  </option>
                ))}
              </SelectField>
              {perOptions('rule-per', tp('quota.per'))}
            </div>
            <Fieldset legend={tp('quota.peakLegend')} hint={tp('quota.peakHint')} error={fields['params.peak']} errorId="rule-peak-error">
              <ul className="space-y-3">
                {draft.peak.map((season, i) => (
                  <li key={i} className="grid grid-cols-[1fr_1fr] items-end gap-2 sm:grid-cols-[1fr_1fr_auto]">
                    <TextField
                      id={`rule-peak-${i}-from`}
                      label={tp('quota.peakFrom', { n: i + 1 })}
                      placeholder="12-15"
                      inputMode="numeric"
                      maxLength={5}
                      value={season.from}
                      error={fields[`params.peak.${i}.from`]}
                      onChange={(e) => set('peak', draft.peak.map((s, j) => (j === i ? { ...s, from: e.target.value } : s)))}
                    />
                    <TextField
                      id={`rule-peak-${i}-to`}
                      label={tp('quota.peakTo', { n: i + 1 })}
                      placeholder="01-10"
                      inputMode="numeric"
                      maxLength={5}
                      value={season.to}
                      error={fields[`params.peak.${i}.to`]}
                      onChange={(e) => set('peak', draft.peak.map((s, j) => (j === i ? { ...s, to: e.target.value } : s)))}
                    />
                    <Button type="button" size="sm" variant="ghost" className="col-span-2 justify-self-start sm:col-span-1" onClick={() => set('peak', draft.peak.filter((_, j) => j !== i))}>
                      {tp('quota.removePeak', { n: i + 1 })}
                    </Button>
                  </li>
                ))}
              </ul>
              {draft.peak.length < 12 ? (
                <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={() => set('peak', [...draft.peak, { from: '', to: '' }])}>
                  {tp('quota.addPeak')}
                </Button>
              ) : null}
            </Fieldset>
            <Fieldset legend={tp('quota.weekdaysLegend')} hint={tp('quota.weekdaysHint')} error={fields['params.weekdays']} errorId="rule-weekdays-error">
              <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                  <CheckboxField key={day} id={`rule-weekday-${day}`} label={tp(`weekdays.${day}`)} checked={draft.weekdays.includes(day)} onChange={(e) => set('weekdays', toggle(draft.weekdays, day, e.target.checked))} />
                ))}
              </div>
            </Fieldset>
          </div>
        ) : null}

        {draft.kind === 'max_upcoming' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id="rule-limit" type="number" inputMode="numeric" min={1} label={tp('max_upcoming.limit')} value={draft.limit} required error={fields['params.limit']} onChange={(e) => set('limit', e.target.value)} />
            {perOptions('rule-per', tp('max_upcoming.per'))}
          </div>
        ) : null}

        {draft.kind === 'tier_only' ? (
          <Fieldset legend={tp('tier_only.legend')} hint={tp('tier_only.hint')} error={fields['params.tierIds']} errorId="rule-tier-only-error">
            {options.tiers.length === 0 ? (
              <p className="text-sm text-slate-700">{tp('tier_only.noTiers')}</p>
            ) : (
              <div className="grid gap-2 sm:grid-cols-2">
                {options.tiers.map((tier, i) => (
                  <CheckboxField key={tier.id} id={`rule-tier-only-${i}`} label={tier.name} checked={draft.tierIds.includes(tier.id)} onChange={(e) => set('tierIds', toggle(draft.tierIds, tier.id, e.target.checked))} />
                ))}
              </div>
            )}
          </Fieldset>
        ) : null}
      </div>

      <Fieldset legend={t('scope')} error={fields.scope} errorId="rule-scope-error">
        <div className="space-y-2">
          {(['organization', 'section', 'resource'] as const).map((s) => (
            <Radio key={s} id={`rule-scope-${s}`} name="rule-scope" checked={draft.scope === s} onChange={() => set('scope', s)} label={t(`scopes.${s}`)} />
          ))}
        </div>
        {draft.scope === 'section' ? (
          options.sections.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">{t('noSections')}</p>
          ) : (
            <SelectField id="rule-section" label={t('section')} className="mt-3" value={draft.section} error={fields.section} onChange={(e) => set('section', e.target.value)}>
              <option value="">{t('choose')}</option>
              {options.sections.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </SelectField>
          )
        ) : null}
        {draft.scope === 'resource' ? (
          <SelectField id="rule-resource" label={t('resource')} className="mt-3" value={draft.resourceId} error={fields.resourceId} onChange={(e) => set('resourceId', e.target.value)}>
            <option value="">{t('choose')}</option>
            {options.resources.map((r) => (
              <option key={r.id} value={r.id}>
                {r.section ? `${r.name} (${r.section})` : r.name}
              </option>
            ))}
          </SelectField>
        ) : null}
      </Fieldset>

      <SelectField id="rule-tier" label={t('tier')} hint={t('tierHint')} value={draft.tierId} error={fields.tierId} onChange={(e) => set('tierId', e.target.value)}>
        <option value="">{t('everyone')}</option>
        {options.tiers.map((tier) => (
          <option key={tier.id} value={tier.id}>
            {tier.name}
          </option>
        ))}
      </SelectField>

      <SelectField id="rule-outcome" label={t('outcome')} hint={t(`outcomeHints.${draft.outcome}`)} value={draft.outcome} error={fields.outcome} onChange={(e) => set('outcome', e.target.value as RuleDraft['outcome'])}>
        {ruleOutcomes.map((o) => (
          <option key={o} value={o}>
            {to(o)}
          </option>
        ))}
      </SelectField>

      {draft.outcome === 'approval' ? (
        <Fieldset legend={t('approvers')} hint={t('approversHint')} error={fields.approvers ?? fields['approvers.roles'] ?? fields['approvers.memberIds']} errorId="rule-approvers-error">
          <p className="text-sm font-medium text-slate-800">{t('approverRoles')}</p>
          <div className="mt-1 grid grid-cols-2 gap-2 sm:grid-cols-3">
            {memberRoles
              .filter((r) => r !== 'viewer')
              .map((role) => (
                <CheckboxField key={role} id={`rule-approver-${role}`} label={troles(role)} checked={draft.approverRoles.includes(role)} onChange={(e) => set('approverRoles', toggle(draft.approverRoles, role, e.target.checked))} />
              ))}
          </div>
          {options.members.length > 0 ? (
            <>
              <p className="mt-3 text-sm font-medium text-slate-800">{t('approverMembers')}</p>
              <div className="mt-1 grid gap-2 sm:grid-cols-2">
                {options.members.map((m) => (
                  <CheckboxField
                    key={m.id}
                    id={`rule-approver-member-${m.id}`}
                    label={`${m.name} (${troles(m.role as 'owner')})`}
                    checked={draft.approverMemberIds.includes(m.id)}
                    onChange={(e) => set('approverMemberIds', toggle(draft.approverMemberIds, m.id, e.target.checked))}
                  />
                ))}
              </div>
            </>
          ) : null}
        </Fieldset>
      ) : null}

      <div className="space-y-3">
        <CheckboxField id="rule-admins-exempt" label={t('adminsExempt')} hint={t('adminsExemptHint')} checked={draft.adminsExempt} onChange={(e) => set('adminsExempt', e.target.checked)} />
        <CheckboxField id="rule-active" label={t('active')} hint={t('activeHint')} checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
      </div>
    </div>
  );
}

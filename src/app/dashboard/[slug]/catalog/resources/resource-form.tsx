'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { createResourceInput, type ResourceDto, translationLocales, updateResourceInput } from '@/modules/catalog/schemas';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';
import { ListEditor } from '../_components/list-editor';
import { ResourceTranslationFields } from '../_components/translation-fields';
import { catalogBase, type ResourceKind, resourceKinds } from '../_lib/catalog';
import { issueErrors, listMax } from '../_lib/validation';

type DetailValue = ResourceDto['details'][string];

export type EditableResource = Omit<ResourceDto, 'createdAt' | 'updatedAt'>;

export interface MemberChoice {
  userId: string;
  name: string;
  email: string;
}

interface DetailDraft {
  uid: number;
  key: string;
  value: string;
  list: boolean;
}

let seq = 0;

function detailDrafts(details: Record<string, unknown>): DetailDraft[] {
  return Object.entries(details).map(([key, value]) => ({
    uid: ++seq,
    key,
    value: Array.isArray(value) ? value.join(', ') : value === null || value === undefined ? '' : String(value),
    list: Array.isArray(value),
  }));
}

/** Numbers and true/false keep their type; a row marked as a list is split on commas. */
function detailValue(d: DetailDraft): DetailValue {
  const v = d.value.trim();
  if (d.list) return v ? v.split(',').map((x) => x.trim()).filter(Boolean) : [];
  if (v === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

/** A number when it reads as one (1.5 too: the schema then says "whole number"), else the text. */
const intOrText = (v: string): number | string => (/^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : v.trim());

// The inputs' hints come from the server's schemas; the rules themselves run through safeParse.
const rules = updateResourceInput.shape;
const stayRules = rules.multiDay.unwrap().unwrap().shape;
const hint = (n: number | null | undefined) => n ?? undefined;
const limits = {
  name: hint(rules.name.unwrap().maxLength),
  description: hint(rules.description.unwrap().maxLength),
  section: hint(rules.section.unwrap().unwrap().maxLength),
  capacity: [hint(rules.capacity.unwrap().minValue), hint(rules.capacity.unwrap().maxValue)],
  sortOrder: [hint(rules.sortOrder.unwrap().minValue), hint(rules.sortOrder.unwrap().maxValue)],
  photos: listMax(rules.photos.unwrap()),
  photo: hint(rules.photos.unwrap().element.maxLength),
  detailKey: hint(rules.details.unwrap().keyType.maxLength),
  nights: [hint(stayRules.minNights.minValue), hint(stayRules.minNights.maxValue)],
};

/** Create or edit a resource: staff, an asset, a room or a space. Errors land next to their fields. */
export function ResourceForm({
  slug,
  orgTimezone,
  contentLocale,
  resource,
  members,
  readOnly,
}: {
  slug: string;
  orgTimezone: string;
  /** The organization's language: the resource's own texts are in it; the others are translations. */
  contentLocale: string;
  resource: EditableResource | null;
  members: MemberChoice[] | null;
  readOnly: boolean;
}) {
  const t = useTranslations('catalogPage.resourceForm');
  const te = useTranslations('catalogPage.errors');
  const tv = useTranslations('catalogPage.validation');
  const router = useRouter();
  const notify = useToast();
  const r = resource;
  const [kind, setKind] = useState<ResourceKind>(r?.kind ?? 'staff');
  const [name, setName] = useState(r?.name ?? '');
  const [description, setDescription] = useState(r?.description ?? '');
  const [section, setSection] = useState(r?.section ?? '');
  const [capacity, setCapacity] = useState(String(r?.capacity ?? 1));
  const [sortOrder, setSortOrder] = useState(String(r?.sortOrder ?? 0));
  const [timezone, setTimezone] = useState(r?.timezone ?? '');
  const [active, setActive] = useState(r?.active ?? true);
  const [userId, setUserId] = useState(r?.userId ?? '');
  const [photos, setPhotos] = useState<string[]>(r?.photos ?? []);
  const [details, setDetails] = useState<DetailDraft[]>(() => detailDrafts(r?.details ?? {}));
  const [multiDayOn, setMultiDayOn] = useState(!!r?.multiDay);
  const [checkIn, setCheckIn] = useState(r?.multiDay?.checkInTime ?? '15:00');
  const [checkOut, setCheckOut] = useState(r?.multiDay?.checkOutTime ?? '11:00');
  const [minNights, setMinNights] = useState(String(r?.multiDay?.minNights ?? 1));
  const [maxNights, setMaxNights] = useState(String(r?.multiDay?.maxNights ?? 14));
  const otherLocales = translationLocales(contentLocale);
  const [translations, setTranslations] = useState<Record<string, { name: string; description: string }>>(() =>
    Object.fromEntries(otherLocales.map((l) => [l, { name: r?.translations[l]?.name ?? '', description: r?.translations[l]?.description ?? '' }])),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return [orgTimezone];
    }
  }, [orgTimezone]);
  const err = (path: string) => (errors[path] ? sentence(errors[path]) : undefined);
  const showMultiDay = kind === 'asset' || multiDayOn;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (readOnly || saving) return;
    const input = {
      kind,
      name: name.trim(),
      description,
      section: section.trim() || null,
      capacity: intOrText(capacity),
      sortOrder: intOrText(sortOrder),
      timezone: timezone || null,
      active,
      ...(members ? { userId: userId || null } : {}),
      photos: photos.map((p) => p.trim()),
      details: Object.fromEntries(details.map((d) => [d.key.trim(), detailValue(d)])),
      multiDay: showMultiDay && multiDayOn ? { checkInTime: checkIn, checkOutTime: checkOut, minNights: intOrText(minNights), maxNights: intOrText(maxNights) } : null,
      // Blank translations are left out: visitors of that language see the original.
      translations: Object.fromEntries(
        otherLocales.flatMap((l) => {
          const one = { name: translations[l]?.name.trim() ?? '', description: translations[l]?.description.trim() ? translations[l]!.description : '' };
          const out = { ...(one.name ? { name: one.name } : {}), ...(one.description ? { description: one.description } : {}) };
          return Object.keys(out).length ? [[l, out]] : [];
        }),
      ),
    };
    // The server's own rules, before asking it: every problem lands under its input at once.
    const update = r ? updateResourceInput.safeParse(input) : null;
    const create = r ? null : createResourceInput.safeParse(input);
    const problem = update?.error ?? create?.error;
    if (problem) {
      setErrors(issueErrors(problem, tv));
      setFormError(t('fixErrors'));
      setStatus(t('fixErrors'));
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    setSaving(true);
    setStatus(t('saving'));
    const result =
      r && update?.success
        ? await call(api.orgs[':slug'].resources[':resourceId'].$patch({ param: { slug, resourceId: r.id }, json: update.data }))
        : create?.success
          ? await call(api.orgs[':slug'].resources.$post({ param: { slug }, json: create.data }))
          : null;
    setSaving(false);
    if (!result) return;
    if (!result.ok) {
      setErrors(Object.fromEntries(Object.entries(result.fields).map(([path, message]) => [path, sentence(message)])));
      const message = Object.keys(result.fields).length ? t('fixErrors') : failureMessage(result, te);
      setFormError(message);
      setStatus(message);
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    setErrors({});
    setFormError(null);
    setStatus(t('saved'));
    notify('success', r ? t('savedToast', { name: input.name }) : t('createdToast', { name: input.name }));
    if (r) router.refresh();
    else router.push(`${catalogBase(slug)}/resources/${result.data.id}`);
  }

  const detailError = (i: number, d: DetailDraft) => err(`details.${d.key.trim()}`) ?? (i === 0 ? err('details') : undefined);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-8">
      <LiveRegion className="sr-only">{status}</LiveRegion>
      {formError ? (
        <div ref={alertRef} tabIndex={-1} className="focus:outline-none">
          <Alert tone="error" title={formError}>
            {null}
          </Alert>
        </div>
      ) : null}
      <fieldset className="grid gap-4 sm:grid-cols-2" disabled={readOnly}>
        <legend className="mb-2 text-lg font-semibold text-slate-900">{t('sections.basics')}</legend>
        <SelectField id="res-kind" label={t('fields.kind')} value={kind} onChange={(e) => setKind(e.target.value as ResourceKind)} error={err('kind')}>
          {resourceKinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="res-name" label={t('fields.name')} required maxLength={limits.name} value={name} onChange={(e) => setName(e.target.value)} error={err('name')} />
        <TextareaField id="res-description" label={t('fields.description')} maxLength={limits.description} value={description} onChange={(e) => setDescription(e.target.value)} error={err('description')} className="sm:col-span-2" />
        <TextField id="res-section" label={t('fields.section')} hint={t('hints.section')} maxLength={limits.section} value={section} onChange={(e) => setSection(e.target.value)} error={err('section')} />
        <TextField id="res-capacity" label={t('fields.capacity')} type="number" min={limits.capacity[0]} max={limits.capacity[1]} value={capacity} onChange={(e) => setCapacity(e.target.value)} error={err('capacity')} />
        <SelectField id="res-timezone" label={t('fields.timezone')} value={timezone} onChange={(e) => setTimezone(e.target.value)} error={err('timezone')}>
          <option value="">{t('orgZone', { zone: orgTimezone })}</option>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
        {members ? (
          <SelectField id="res-user" label={t('fields.userId')} hint={t('hints.userId')} value={userId} onChange={(e) => setUserId(e.target.value)} error={err('userId')}>
            <option value="">{t('noMember')}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({m.email})
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField id="res-sortOrder" label={t('fields.sortOrder')} type="number" min={limits.sortOrder[0]} max={limits.sortOrder[1]} value={sortOrder} onChange={(e) => setSortOrder(e.target.value)} error={err('sortOrder')} />
        <CheckboxField id="res-active" label={t('fields.active')} checked={active} onChange={(e) => setActive(e.target.checked)} error={err('active')} className="self-end" />
      </fieldset>

      <ListEditor
        id="res-photos"
        legend={t('fields.photos')}
        hint={t('hints.photos')}
        items={photos}
        onChange={setPhotos}
        errors={errors}
        errorPrefix="photos"
        max={limits.photos}
        maxLength={limits.photo}
        type="url"
        itemLabel={(n) => t('photoN', { n })}
        disabled={readOnly}
      />

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 sm:p-4" disabled={readOnly}>
        <legend className="px-1 text-sm font-semibold text-slate-900">{t('fields.details')}</legend>
        <p className="text-sm text-slate-600">{t('hints.details')}</p>
        {details.length === 0 ? <p className="text-sm text-slate-600">{t('noDetails')}</p> : null}
        <ol className="space-y-3">
          {details.map((d, i) => (
            <li key={d.uid}>
              <fieldset className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-[1fr_2fr_auto_auto] sm:items-end">
                <legend className="sr-only">{t('detailN', { n: i + 1 })}</legend>
                <TextField
                  id={`res-detail-${d.uid}-key`}
                  label={t('detailKey', { n: i + 1 })}
                  maxLength={limits.detailKey}
                  value={d.key}
                  onChange={(e) => setDetails((l) => l.map((x) => (x.uid === d.uid ? { ...x, key: e.target.value } : x)))}
                  error={detailError(i, d)}
                />
                <TextField
                  id={`res-detail-${d.uid}-value`}
                  label={t('detailValue', { n: i + 1 })}
                  maxLength={500}
                  value={d.value}
                  onChange={(e) => setDetails((l) => l.map((x) => (x.uid === d.uid ? { ...x, value: e.target.value } : x)))}
                />
                <CheckboxField
                  id={`res-detail-${d.uid}-list`}
                  label={t('detailList')}
                  checked={d.list}
                  onChange={(e) => setDetails((l) => l.map((x) => (x.uid === d.uid ? { ...x, list: e.target.checked } : x)))}
                />
                {!readOnly ? (
                  <Button type="button" variant="ghost" size="sm" aria-label={t('removeDetail', { n: i + 1 })} onClick={() => setDetails((l) => l.filter((x) => x.uid !== d.uid))}>
                    {t('remove')}
                  </Button>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ol>
        {!readOnly && details.length < 40 ? (
          <Button type="button" variant="secondary" size="sm" onClick={() => setDetails((l) => [...l, { uid: ++seq, key: '', value: '', list: false }])}>
            {t('addDetail')}
          </Button>
        ) : null}
      </fieldset>

      {showMultiDay ? (
        <fieldset className="grid gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-2 sm:p-4" disabled={readOnly}>
          <legend className="px-1 text-sm font-semibold text-slate-900">{t('sections.multiDay')}</legend>
          <CheckboxField id="res-multiDay" label={t('fields.multiDay')} hint={t('hints.multiDay')} checked={multiDayOn} onChange={(e) => setMultiDayOn(e.target.checked)} error={err('multiDay')} className="sm:col-span-2" />
          {multiDayOn ? (
            <>
              <TextField id="res-checkIn" type="time" label={t('fields.checkInTime')} value={checkIn} onChange={(e) => setCheckIn(e.target.value)} error={err('multiDay.checkInTime')} />
              <TextField id="res-checkOut" type="time" label={t('fields.checkOutTime')} value={checkOut} onChange={(e) => setCheckOut(e.target.value)} error={err('multiDay.checkOutTime')} />
              <TextField id="res-minNights" type="number" min={limits.nights[0]} max={limits.nights[1]} label={t('fields.minNights')} value={minNights} onChange={(e) => setMinNights(e.target.value)} error={err('multiDay.minNights')} />
              <TextField id="res-maxNights" type="number" min={limits.nights[0]} max={limits.nights[1]} label={t('fields.maxNights')} value={maxNights} onChange={(e) => setMaxNights(e.target.value)} error={err('multiDay.maxNights')} />
            </>
          ) : null}
        </fieldset>
      ) : null}

      {otherLocales.map((l) => (
        <ResourceTranslationFields
          key={l}
          lang={l}
          value={translations[l] ?? { name: '', description: '' }}
          onChange={(next) => setTranslations((all) => ({ ...all, [l]: next }))}
          original={{ name, description }}
          errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, sentence(v)]))}
          disabled={readOnly}
        />
      ))}

      {!readOnly ? (
        <Button type="submit" disabled={saving}>
          {saving ? t('saving') : r ? t('save') : t('create')}
        </Button>
      ) : null}
    </form>
  );
}

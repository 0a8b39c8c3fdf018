'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';
import { updateCustomerInput, vehicleSchema } from '@/modules/customers/schemas';

interface Vehicle {
  type?: string;
  make?: string;
  model?: string;
  year?: number;
  color?: string;
  plate?: string;
}

interface EditableCustomer {
  id: string;
  /** Changes when the server's copy changes (a save, a merge): the form then shows it. */
  version: string;
  name: string;
  email: string;
  phone: string;
  notes: string;
  vehicles: Vehicle[];
}

const vehicleKeys = ['type', 'make', 'model', 'year', 'color', 'plate'] as const;
type VehicleKey = (typeof vehicleKeys)[number];
type VehicleDraft = Record<VehicleKey, string> & { key: number };

const MAX_VEHICLES = 20;
/** The years the server takes (customers/schemas.ts), said in the year's message. */
const yearRule = vehicleSchema.shape.year.unwrap();

function draftOf(v: Vehicle, key: number): VehicleDraft {
  return {
    key,
    type: v.type ?? '',
    make: v.make ?? '',
    model: v.model ?? '',
    year: v.year === undefined ? '' : String(v.year),
    color: v.color ?? '',
    plate: v.plate ?? '',
  };
}

/** Only what was typed: empty parts are left out, the year goes as a number when it reads as one. */
function vehicleOf(d: VehicleDraft): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const k of vehicleKeys) {
    const value = d[k].trim();
    if (!value) continue;
    out[k] = k === 'year' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return out;
}

/**
 * Edit a customer's contact, notes and vehicles (PATCH). A failed save keeps every input and
 * puts the API's message under the field it names (`error.details.fields`, e.g. "vehicles.1.year").
 */
export function CustomerEditor({ slug, customer, withVehicles = true }: { slug: string; customer: EditableCustomer; withVehicles?: boolean }) {
  const t = useTranslations('dashboard.customer.edit');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(customer.name);
  const [email, setEmail] = useState(customer.email);
  const [phone, setPhone] = useState(customer.phone);
  const [notes, setNotes] = useState(customer.notes);
  const [vehicles, setVehicles] = useState<VehicleDraft[]>(() => customer.vehicles.map((v, i) => draftOf(v, i)));
  const [version, setVersion] = useState(customer.version);
  // A new server copy resets the inputs during render (no effect, no flash); typing does not.
  if (version !== customer.version) {
    setVersion(customer.version);
    setName(customer.name);
    setEmail(customer.email);
    setPhone(customer.phone);
    setNotes(customer.notes);
    setVehicles(customer.vehicles.map((v, i) => draftOf(v, i)));
  }
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const labels: Record<string, string> = {
    name: t('name'),
    email: t('email'),
    phone: t('phone'),
    notes: t('notes'),
    type: t('vehicleType'),
    make: t('make'),
    model: t('model'),
    year: t('year'),
    color: t('color'),
    plate: t('plate'),
  };

  /** "must be an email address" under "Email" reads "Email must be an email address". */
  const fieldError = (path: string) => {
    const message = fields[path];
    if (!message) return null;
    const label = labels[path.split('.').at(-1) ?? path] ?? '';
    return /^(must|is) /.test(message) && label ? `${label} ${message}` : sentence(message);
  };

  function addVehicle() {
    const key = Math.max(-1, ...vehicles.map((v) => v.key)) + 1;
    setVehicles((list) => [...list, draftOf({}, key)]);
    // The new vehicle's first input, once rendered.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>(`#vehicle-${key}-type`)?.focus());
  }

  function removeVehicle(index: number) {
    setVehicles((list) => list.filter((_, i) => i !== index));
    // Errors are keyed by position: after a removal they would point at the wrong vehicle.
    setFields((f) => Object.fromEntries(Object.entries(f).filter(([path]) => !path.startsWith('vehicles'))));
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLButtonElement>('[data-add-vehicle]')?.focus());
  }

  function setVehicle(index: number, key: VehicleKey, value: string) {
    setVehicles((list) => list.map((v, i) => (i === index ? { ...v, [key]: value } : v)));
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    setError(null);
    // The server's own rules first (updateCustomerInput): problems land under their inputs at once.
    const parsed = updateCustomerInput.safeParse({
      name: name.trim(),
      email: email.trim(),
      phone: phone.trim() || null,
      notes,
      vehicles: vehicles.map(vehicleOf).filter((v) => Object.keys(v).length > 0),
    });
    if (!parsed.success) {
      const local: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.');
        local[path] ??= /^vehicles\.\d+\.year$/.test(path) ? t('yearInvalid', { min: yearRule.minValue ?? 0, max: yearRule.maxValue ?? 0 }) : issue.message;
      }
      setFields(local);
      setError(t('fixFields'));
      const inputs = [...(formRef.current?.querySelectorAll<HTMLElement>('[data-path]') ?? [])];
      inputs.find((el) => (el.dataset.path ?? '') in local)?.focus();
      return;
    }
    setSaving(true);
    setFields({});
    const result = await call(api.orgs[':slug'].customers[':customerId'].$patch({ param: { slug, customerId: customer.id }, json: parsed.data }));
    setSaving(false);
    if (result.ok) {
      notify('success', t('saved'));
      setOpen(false);
      toggleRef.current?.focus();
      router.refresh();
      return;
    }
    // 409 on email: another customer has it (the API suggests merging instead).
    const fieldsFromApi = result.status === 409 && result.fields.email ? { email: t('emailTaken') } : result.fields;
    setFields(fieldsFromApi);
    const paths = Object.keys(fieldsFromApi);
    setError(paths.length ? t('fixFields') : failureMessage(result, te));
    // The first field the API named, in the form's order.
    const inputs = [...(formRef.current?.querySelectorAll<HTMLElement>('[data-path]') ?? [])];
    inputs.find((el) => paths.includes(el.dataset.path ?? ''))?.focus();
  }

  return (
    <section aria-labelledby="customer-edit-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="customer-edit-title" className="text-base font-semibold text-slate-900">
          {t('title')}
        </h2>
        <Button ref={toggleRef} variant="secondary" size="sm" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((v) => !v)}>
          {open ? t('close') : t('open')}
        </Button>
      </div>
      <div id={panelId} hidden={!open}>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-5">
          <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField id="customer-name" data-path="name" name="name" label={t('name')} autoComplete="off" required maxLength={100} value={name} error={fieldError('name')} onChange={(e) => setName(e.target.value)} />
            <TextField id="customer-email" data-path="email" name="email" type="email" label={t('email')} autoComplete="off" required maxLength={254} value={email} error={fieldError('email')} onChange={(e) => setEmail(e.target.value)} />
            <TextField id="customer-phone" data-path="phone" name="phone" type="tel" label={t('phone')} hint={t('phoneHint')} autoComplete="off" maxLength={40} value={phone} error={fieldError('phone')} onChange={(e) => setPhone(e.target.value)} />
          </div>
          <TextareaField id="customer-notes" data-path="notes" name="notes" label={t('notes')} hint={t('notesHint')} maxLength={5000} value={notes} error={fieldError('notes')} onChange={(e) => setNotes(e.target.value)} />

          {withVehicles ? (
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">{t('vehicles')}</legend>
            {fieldError('vehicles') ? <p className="mt-1 text-sm font-medium text-red-700">{fieldError('vehicles')}</p> : null}
            {vehicles.length === 0 ? <p className="mt-1 text-sm text-slate-600">{t('noVehicles')}</p> : null}
            <ol className="mt-2 space-y-4">
              {vehicles.map((v, i) => (
                <li key={v.key} className="rounded-md border border-slate-200 p-4">
                  <div role="group" aria-labelledby={`vehicle-${v.key}-title`}>
                    <div className="flex items-center justify-between gap-3">
                      <h3 id={`vehicle-${v.key}-title`} className="text-sm font-semibold text-slate-900">
                        {t('vehicleN', { n: i + 1 })}
                      </h3>
                      <Button variant="ghost" size="sm" onClick={() => removeVehicle(i)}>
                        {t('removeVehicle')}
                        <span className="sr-only"> {t('vehicleN', { n: i + 1 })}</span>
                      </Button>
                    </div>
                    <div className="mt-3 grid gap-4 sm:grid-cols-3">
                      {vehicleKeys.map((k) => (
                        <TextField
                          key={k}
                          id={`vehicle-${v.key}-${k}`}
                          data-path={`vehicles.${i}.${k}`}
                          label={labels[k]}
                          inputMode={k === 'year' ? 'numeric' : undefined}
                          maxLength={k === 'year' ? 4 : k === 'plate' ? 20 : 60}
                          value={v[k]}
                          error={fieldError(`vehicles.${i}.${k}`)}
                          onChange={(e) => setVehicle(i, k, e.target.value)}
                        />
                      ))}
                    </div>
                  </div>
                </li>
              ))}
            </ol>
            <Button variant="secondary" size="sm" className="mt-3" data-add-vehicle onClick={addVehicle} disabled={vehicles.length >= MAX_VEHICLES}>
              {t('addVehicle')}
            </Button>
          </fieldset>
          ) : null}

          <div className="flex flex-wrap gap-3">
            <Button type="submit" loading={saving} loadingText={t('saving')}>
              {t('save')}
            </Button>
          </div>
        </form>
      </div>
    </section>
  );
}

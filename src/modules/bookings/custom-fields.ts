/** Validates a booking's custom field values against the service's field definitions. */
import type { CustomField } from '@/db/schema';
import { validationError } from '@/lib/errors';
import { emailAddress, isPhoneNumber, PHONE_MESSAGE } from '@/lib/text';

const email = emailAddress();

export function validateFieldValues(defs: CustomField[], values: Record<string, string | number | boolean>): Record<string, string | number | boolean> {
  const fields: { path: string; message: string }[] = [];
  const known = new Map(defs.map((d) => [d.key, d]));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) fields.push({ path: `fields.${key}`, message: 'is not a field of this service' });
  }
  const out: Record<string, string | number | boolean> = {};
  for (const def of defs) {
    const raw = values[def.key];
    const path = `fields.${def.key}`;
    const empty = raw === undefined || raw === '' || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (def.required) fields.push({ path, message: `${def.label} is required` });
      continue;
    }
    switch (def.type) {
      case 'number': {
        const n = typeof raw === 'number' ? raw : Number(raw);
        if (!Number.isFinite(n)) fields.push({ path, message: `${def.label} must be a number` });
        else out[def.key] = n;
        break;
      }
      case 'checkbox':
        if (typeof raw !== 'boolean') fields.push({ path, message: `${def.label} must be true or false` });
        else if (def.required && !raw) fields.push({ path, message: `${def.label} must be ticked` });
        else out[def.key] = raw;
        break;
      case 'select':
        if (typeof raw !== 'string' || !(def.options ?? []).includes(raw)) {
          fields.push({ path, message: `${def.label} must be one of: ${(def.options ?? []).join(', ')}` });
        } else out[def.key] = raw;
        break;
      default: {
        if (typeof raw !== 'string') {
          fields.push({ path, message: `${def.label} must be text` });
          break;
        }
        const value = raw.trim();
        const max = def.maxLength ?? (def.type === 'textarea' ? 2000 : 200);
        if (value.length > max) fields.push({ path, message: `${def.label} must be at most ${max} characters` });
        else if (def.type === 'email' && !email.safeParse(value).success) fields.push({ path, message: `${def.label} must be an email address such as name@example.com` });
        else if (def.type === 'phone' && !isPhoneNumber(value)) fields.push({ path, message: `${def.label} ${PHONE_MESSAGE}` });
        else out[def.key] = value;
      }
    }
  }
  if (fields.length) throw validationError(`Invalid booking details: ${fields[0]!.path} ${fields[0]!.message}`, { fields });
  return out;
}

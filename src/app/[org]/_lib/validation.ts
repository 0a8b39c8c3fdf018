/**
 * The booking form's checks, the same rules the server applies (modules/customers schemas for
 * the contact, modules/bookings/custom-fields for the service's fields), so most mistakes are
 * caught before a request. Errors are keyed by the server's paths: `customer.email`,
 * `fields.vehicle_type`, `message`, `seats`.
 */
import { isPhoneNumber } from '@/lib/phone';
import type { CustomFieldDto } from '@/modules/catalog';

export type FieldValue = string | boolean;

export interface DetailsValues {
  name: string;
  email: string;
  phone: string;
  message: string;
  seats: string;
  fields: Record<string, FieldValue>;
}

export type ErrorKind =
  | { kind: 'required' }
  | { kind: 'email' }
  | { kind: 'phone' }
  | { kind: 'maxLength'; max: number }
  | { kind: 'number' }
  | { kind: 'option' }
  | { kind: 'ticked' }
  | { kind: 'seats'; max: number };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const NAME_MAX = 100;
const EMAIL_MAX = 254;
const MESSAGE_MAX = 2000;

function fieldMax(def: CustomFieldDto): number {
  return def.maxLength ?? (def.type === 'textarea' ? 2000 : 200);
}

export function validateDetails(values: DetailsValues, defs: CustomFieldDto[], maxSeats: number | null): Record<string, ErrorKind> {
  const errors: Record<string, ErrorKind> = {};
  const name = values.name.trim();
  if (!name) errors['customer.name'] = { kind: 'required' };
  else if (name.length > NAME_MAX) errors['customer.name'] = { kind: 'maxLength', max: NAME_MAX };

  const email = values.email.trim();
  if (!email) errors['customer.email'] = { kind: 'required' };
  else if (email.length > EMAIL_MAX) errors['customer.email'] = { kind: 'maxLength', max: EMAIL_MAX };
  else if (!EMAIL_RE.test(email)) errors['customer.email'] = { kind: 'email' };

  const phone = values.phone.trim();
  if (phone && (phone.length > 40 || !isPhoneNumber(phone))) errors['customer.phone'] = { kind: 'phone' };

  if (values.message.trim().length > MESSAGE_MAX) errors.message = { kind: 'maxLength', max: MESSAGE_MAX };

  if (maxSeats !== null) {
    const seats = Number(values.seats);
    if (!Number.isInteger(seats) || seats < 1 || seats > maxSeats) errors.seats = { kind: 'seats', max: maxSeats };
  }

  for (const def of defs) {
    const path = `fields.${def.key}`;
    const raw = values.fields[def.key];
    if (def.type === 'checkbox') {
      if (def.required && raw !== true) errors[path] = { kind: 'ticked' };
      continue;
    }
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) {
      if (def.required) errors[path] = { kind: 'required' };
      continue;
    }
    switch (def.type) {
      case 'number':
        if (!Number.isFinite(Number(value))) errors[path] = { kind: 'number' };
        break;
      case 'select':
        if (!(def.options ?? []).includes(value)) errors[path] = { kind: 'option' };
        break;
      default:
        if (value.length > fieldMax(def)) errors[path] = { kind: 'maxLength', max: fieldMax(def) };
        else if (def.type === 'email' && !EMAIL_RE.test(value)) errors[path] = { kind: 'email' };
        else if (def.type === 'phone' && !isPhoneNumber(value)) errors[path] = { kind: 'phone' };
    }
  }
  return errors;
}

/** The `fields` object of the request: numbers as numbers, ticks as booleans, blanks left out. */
export function fieldPayload(values: Record<string, FieldValue>, defs: CustomFieldDto[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const def of defs) {
    const raw = values[def.key];
    if (def.type === 'checkbox') {
      out[def.key] = raw === true;
      continue;
    }
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) continue;
    out[def.key] = def.type === 'number' ? Number(value) : value;
  }
  return out;
}

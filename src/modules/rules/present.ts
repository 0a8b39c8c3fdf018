/** Rows → the module's answers (schemas.ts), with a one-line summary of each rule in the caller's language. */
import { iso } from '@/lib/dto';
import type { RuleRow } from './evaluate';
import type { RuleDto, RuleParams } from './schemas';

type Locale = 'en' | 'es';

export function presentRule(row: RuleRow, locale: Locale = 'en'): RuleDto {
  return {
    id: row.id,
    name: row.name,
    translations: row.translations,
    kind: row.kind,
    params: row.params,
    scope: row.scope,
    section: row.section,
    resourceId: row.resourceId,
    tierId: row.tierId,
    outcome: row.outcome,
    adminsExempt: row.adminsExempt,
    approvers: row.approvers,
    active: row.active,
    sortOrder: row.sortOrder,
    summary: summarize(row, locale),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

const n = (value: number, one: string, many: string) => `${value} ${value === 1 ? one : many}`;
const nw = (value: number, forms: readonly [string, string]) => n(value, forms[0], forms[1]);
const words = {
  en: {
    hour: ['hour', 'hours'],
    day: ['day', 'days'],
    night: ['night', 'nights'],
    minute: ['minute', 'minutes'],
    reservations: ['reservation', 'reservations'],
    hours: ['hour', 'hours'],
    nights: ['night', 'nights'],
    days: ['day', 'days'],
    per: { day: 'per day', week: 'per week', month: 'per month', year: 'per year' },
    of: { resource: 'of the same asset', section: 'in the same section', organization: 'in the club' },
  },
  es: {
    hour: ['hora', 'horas'],
    day: ['día', 'días'],
    night: ['noche', 'noches'],
    minute: ['minuto', 'minutos'],
    reservations: ['reserva', 'reservas'],
    hours: ['hora', 'horas'],
    nights: ['noche', 'noches'],
    days: ['día', 'días'],
    per: { day: 'por día', week: 'por semana', month: 'por mes', year: 'por año' },
    of: { resource: 'del mismo recurso', section: 'de la misma sección', organization: 'en el club' },
  },
} as const;

function length(minutes: number, l: Locale): string {
  const w = words[l];
  if (minutes % 1440 === 0) return nw(minutes / 1440, w.day);
  if (minutes % 60 === 0) return nw(minutes / 60, w.hour);
  return nw(minutes, w.minute);
}

/** What the rule does, in one line ("At most 5 days in a row"). */
export function summarize(row: Pick<RuleRow, 'kind' | 'params'>, l: Locale): string {
  const w = words[l];
  const en = l === 'en';
  switch (row.kind) {
    case 'blackout': {
      const p = row.params as RuleParams['blackout'];
      return en ? `Closed ${p.from} to ${p.to}: ${p.reason}` : `Cerrado del ${p.from} al ${p.to}: ${p.reason}`;
    }
    case 'lead_time': {
      const p = row.params as RuleParams['lead_time'];
      const action = { create: en ? 'to book' : 'para reservar', change: en ? 'to change' : 'para cambiar', cancel: en ? 'to cancel' : 'para cancelar' }[p.action];
      const parts = [];
      if (p.minHours !== undefined) parts.push(en ? `at least ${nw(p.minHours, w.hour)} ahead ${action}` : `al menos ${nw(p.minHours, w.hour)} de antelación ${action}`);
      if (p.maxDays !== undefined) parts.push(en ? `at most ${nw(p.maxDays, w.day)} ahead` : `como máximo ${nw(p.maxDays, w.day)} de antelación`);
      return capitalize(parts.join(en ? ' and ' : ' y '));
    }
    case 'duration': {
      const p = row.params as RuleParams['duration'];
      const parts = [];
      if (p.minMinutes !== undefined) parts.push(en ? `at least ${length(p.minMinutes, l)}` : `al menos ${length(p.minMinutes, l)}`);
      if (p.maxMinutes !== undefined) parts.push(en ? `at most ${length(p.maxMinutes, l)}` : `como máximo ${length(p.maxMinutes, l)}`);
      return capitalize(`${parts.join(en ? ' and ' : ' y ')} ${en ? 'per reservation' : 'por reserva'}`);
    }
    case 'max_consecutive': {
      const p = row.params as RuleParams['max_consecutive'];
      return en ? `At most ${nw(p.max, w[p.unit])} in a row` : `Como máximo ${nw(p.max, w[p.unit])} seguidos`;
    }
    case 'min_gap': {
      const p = row.params as RuleParams['min_gap'];
      return en ? `At least ${nw(p.hours, w.hour)} between a member's reservations ${w.of[p.per]}` : `Al menos ${nw(p.hours, w.hour)} entre reservas de un miembro ${w.of[p.per]}`;
    }
    case 'quota': {
      const p = row.params as RuleParams['quota'];
      const base = `${nw(p.limit, w[p.unit])} ${w.per[p.period]} ${en ? 'per member' : 'por miembro'} ${w.of[p.per]}`;
      const only = p.peak?.length ? (en ? ` (peak: ${p.peak.map((s) => `${s.from}–${s.to}`).join(', ')})` : ` (temporada alta: ${p.peak.map((s) => `${s.from}–${s.to}`).join(', ')})`) : '';
      return capitalize(base + only);
    }
    case 'max_upcoming': {
      const p = row.params as RuleParams['max_upcoming'];
      return en ? `At most ${nw(p.limit, w.reservations)} ahead at a time per member` : `Como máximo ${nw(p.limit, w.reservations)} próximas a la vez por miembro`;
    }
    case 'tier_only':
      return en ? 'Only members of the chosen tiers' : 'Solo miembros de los niveles elegidos';
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Why a rule passed, failed or did not apply, in English and Spanish: every result the engine
 * returns carries both, so the API answers in the caller's language and an approval keeps the
 * reason the member saw. Values are numbers and names; units are written out here.
 */
export type Localized = { en: string; es: string };
type Locale = keyof Localized;
type Values = Record<string, string | number>;

export const reasonCodes = [
  'other_resource',
  'other_section',
  'other_tier',
  'other_action',
  'exempt',
  'blackout',
  'blackout_ok',
  'lead_min_create',
  'lead_min_change',
  'lead_min_cancel',
  'lead_max',
  'lead_ok',
  'duration_min',
  'duration_max',
  'duration_ok',
  'consecutive_days',
  'consecutive_nights',
  'consecutive_ok_days',
  'consecutive_ok_nights',
  'gap_resource',
  'gap_section',
  'gap_organization',
  'gap_ok',
  'quota',
  'quota_ok',
  'quota_off_peak',
  'upcoming',
  'upcoming_ok',
  'tier_only',
  'tier_only_guest',
  'tier_only_ok',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function duration(minutes: number, locale: Locale): string {
  const n = Number(minutes);
  if (n % 1440 === 0) return locale === 'en' ? plural(n / 1440, 'day', 'days') : plural(n / 1440, 'día', 'días');
  if (n % 60 === 0) return locale === 'en' ? plural(n / 60, 'hour', 'hours') : plural(n / 60, 'hora', 'horas');
  return locale === 'en' ? plural(n, 'minute', 'minutes') : plural(n, 'minuto', 'minutos');
}

const unitName: Record<string, Record<Locale, [string, string]>> = {
  reservations: { en: ['reservation', 'reservations'], es: ['reserva', 'reservas'] },
  hours: { en: ['hour', 'hours'], es: ['hora', 'horas'] },
  nights: { en: ['night', 'nights'], es: ['noche', 'noches'] },
  days: { en: ['day', 'days'], es: ['día', 'días'] },
};
const amount = (n: number, unit: string, locale: Locale) => {
  const [one, many] = unitName[unit]![locale];
  return plural(n, one, many);
};
const periodName: Record<string, Localized> = {
  day: { en: 'per day', es: 'por día' },
  week: { en: 'per week', es: 'por semana' },
  month: { en: 'per month', es: 'por mes' },
  year: { en: 'per year', es: 'por año' },
};

/** "Gold members may" / "Los miembros Gold pueden", or "You may" / "Puedes" without a tier. */
const mayEn = (tier: string | null) => (tier ? `${tier} members may` : 'You may');
const mayEs = (tier: string | null) => (tier ? `Los miembros ${tier} pueden` : 'Puedes');

const messages: Record<ReasonCode, (v: Values, tier: Localized | null) => Localized> = {
  other_resource: () => ({ en: 'Does not apply: it is set for another asset.', es: 'No aplica: es para otro recurso.' }),
  other_section: () => ({ en: 'Does not apply: it is set for another section.', es: 'No aplica: es para otra sección.' }),
  other_tier: (_v, t) => ({ en: `Does not apply: it is for ${t?.en ?? ''} members.`, es: `No aplica: es para los miembros ${t?.es ?? ''}.` }),
  other_action: () => ({ en: 'Does not apply to this kind of change.', es: 'No aplica a este tipo de cambio.' }),
  exempt: () => ({ en: 'Owners and admins are exempt from this rule.', es: 'Los propietarios y administradores están exentos de esta regla.' }),
  blackout: (v) => ({
    en: `${v.resource} cannot be booked from ${v.from} to ${v.to}: ${v.reason}.`,
    es: `${v.resource} no se puede reservar del ${v.from} al ${v.to}: ${v.reason}.`,
  }),
  blackout_ok: (v) => ({ en: `Outside the closed dates ${v.from} to ${v.to}.`, es: `Fuera de las fechas cerradas del ${v.from} al ${v.to}.` }),
  lead_min_create: (v) => ({
    en: `${v.resource} must be booked at least ${plural(Number(v.min), 'hour', 'hours')} ahead; this starts in ${plural(Number(v.hours), 'hour', 'hours')}.`,
    es: `${v.resource} debe reservarse con al menos ${plural(Number(v.min), 'hora', 'horas')} de antelación; esta empieza en ${plural(Number(v.hours), 'hora', 'horas')}.`,
  }),
  lead_min_change: (v) => ({
    en: `Reservations of ${v.resource} can be changed up to ${plural(Number(v.min), 'hour', 'hours')} before they start; this one starts in ${plural(Number(v.hours), 'hour', 'hours')}.`,
    es: `Las reservas de ${v.resource} se pueden cambiar hasta ${plural(Number(v.min), 'hora', 'horas')} antes del inicio; esta empieza en ${plural(Number(v.hours), 'hora', 'horas')}.`,
  }),
  lead_min_cancel: (v) => ({
    en: `Reservations of ${v.resource} can be cancelled up to ${plural(Number(v.min), 'hour', 'hours')} before they start; this one starts in ${plural(Number(v.hours), 'hour', 'hours')}.`,
    es: `Las reservas de ${v.resource} se pueden cancelar hasta ${plural(Number(v.min), 'hora', 'horas')} antes del inicio; esta empieza en ${plural(Number(v.hours), 'hora', 'horas')}.`,
  }),
  lead_max: (v) => ({
    en: `${v.resource} can be booked at most ${plural(Number(v.max), 'day', 'days')} ahead; this is ${plural(Number(v.days), 'day', 'days')} away.`,
    es: `${v.resource} se puede reservar con un máximo de ${plural(Number(v.max), 'día', 'días')} de antelación; esta es dentro de ${plural(Number(v.days), 'día', 'días')}.`,
  }),
  lead_ok: () => ({ en: 'Within the booking notice.', es: 'Dentro del plazo de reserva.' }),
  duration_min: (v, t) => ({
    en: `${mayEn(t?.en ?? null)} book ${v.resource} for at least ${duration(Number(v.min), 'en')}; you asked for ${duration(Number(v.asked), 'en')}.`,
    es: `${mayEs(t?.es ?? null)} reservar ${v.resource} por al menos ${duration(Number(v.min), 'es')}; pediste ${duration(Number(v.asked), 'es')}.`,
  }),
  duration_max: (v, t) => ({
    en: `${mayEn(t?.en ?? null)} book ${v.resource} for at most ${duration(Number(v.max), 'en')}; you asked for ${duration(Number(v.asked), 'en')}.`,
    es: `${mayEs(t?.es ?? null)} reservar ${v.resource} por un máximo de ${duration(Number(v.max), 'es')}; pediste ${duration(Number(v.asked), 'es')}.`,
  }),
  duration_ok: (v) => ({ en: `${duration(Number(v.asked), 'en')} is within the allowed length.`, es: `${duration(Number(v.asked), 'es')} está dentro de la duración permitida.` }),
  consecutive_days: (v, t) => ({
    en: `${mayEn(t?.en ?? null)} book ${v.resource} for at most ${amount(Number(v.max), 'days', 'en')} in a row; with your other reservations this makes ${amount(Number(v.asked), 'days', 'en')}.`,
    es: `${mayEs(t?.es ?? null)} reservar ${v.resource} por un máximo de ${amount(Number(v.max), 'days', 'es')} seguidos; con tus otras reservas serían ${amount(Number(v.asked), 'days', 'es')}.`,
  }),
  consecutive_nights: (v, t) => ({
    en: `${mayEn(t?.en ?? null)} book ${v.resource} for at most ${amount(Number(v.max), 'nights', 'en')}; you asked for ${amount(Number(v.asked), 'nights', 'en')}.`,
    es: `${mayEs(t?.es ?? null)} reservar ${v.resource} por un máximo de ${amount(Number(v.max), 'nights', 'es')}; pediste ${amount(Number(v.asked), 'nights', 'es')}.`,
  }),
  consecutive_ok_days: (v) => ({ en: `${amount(Number(v.asked), 'days', 'en')} in a row, of at most ${v.max}.`, es: `${amount(Number(v.asked), 'days', 'es')} seguidos, de un máximo de ${v.max}.` }),
  consecutive_ok_nights: (v) => ({ en: `${amount(Number(v.asked), 'nights', 'en')}, of at most ${v.max}.`, es: `${amount(Number(v.asked), 'nights', 'es')}, de un máximo de ${v.max}.` }),
  gap_resource: (v) => ({
    en: `Leave at least ${plural(Number(v.hours), 'hour', 'hours')} between your reservations of ${v.resource}; you have one on ${v.other}.`,
    es: `Deja al menos ${plural(Number(v.hours), 'hora', 'horas')} entre tus reservas de ${v.resource}; tienes una el ${v.other}.`,
  }),
  gap_section: (v) => ({
    en: `Leave at least ${plural(Number(v.hours), 'hour', 'hours')} between your reservations in this section; you have one on ${v.other}.`,
    es: `Deja al menos ${plural(Number(v.hours), 'hora', 'horas')} entre tus reservas de esta sección; tienes una el ${v.other}.`,
  }),
  gap_organization: (v) => ({
    en: `Leave at least ${plural(Number(v.hours), 'hour', 'hours')} between your reservations; you have one on ${v.other}.`,
    es: `Deja al menos ${plural(Number(v.hours), 'hora', 'horas')} entre tus reservas; tienes una el ${v.other}.`,
  }),
  gap_ok: (v) => ({ en: `At least ${plural(Number(v.hours), 'hour', 'hours')} from your other reservations.`, es: `Al menos ${plural(Number(v.hours), 'hora', 'horas')} desde tus otras reservas.` }),
  quota: (v, t) => ({
    en: `${mayEn(t?.en ?? null)} have ${amount(Number(v.limit), String(v.unit), 'en')} ${periodName[String(v.period)]!.en}; you have used ${amount(Number(v.used), String(v.unit), 'en')} and this asks for ${Number(v.asked)} more.`,
    es: `${mayEs(t?.es ?? null)} tener ${amount(Number(v.limit), String(v.unit), 'es')} ${periodName[String(v.period)]!.es}; has usado ${amount(Number(v.used), String(v.unit), 'es')} y esta pide ${Number(v.asked)} más.`,
  }),
  quota_ok: (v) => ({
    en: `${Number(v.used) + Number(v.asked)} of ${amount(Number(v.limit), String(v.unit), 'en')} ${periodName[String(v.period)]!.en}.`,
    es: `${Number(v.used) + Number(v.asked)} de ${amount(Number(v.limit), String(v.unit), 'es')} ${periodName[String(v.period)]!.es}.`,
  }),
  quota_off_peak: () => ({ en: 'Does not apply: these dates are outside the periods it counts.', es: 'No aplica: estas fechas están fuera de los periodos que cuenta.' }),
  upcoming: (v, t) => ({
    en: `${mayEn(t?.en ?? null)} hold at most ${amount(Number(v.limit), 'reservations', 'en')} at a time; this would be ${v.count}.`,
    es: `${mayEs(t?.es ?? null)} tener como máximo ${amount(Number(v.limit), 'reservations', 'es')} a la vez; esta sería la ${v.count}.ª.`,
  }),
  upcoming_ok: (v) => ({ en: `${v.count} of at most ${v.limit} upcoming reservations.`, es: `${v.count} de un máximo de ${v.limit} reservas próximas.` }),
  tier_only: (v) => ({
    en: `Only ${v.tiers} members may book ${v.resource}.`,
    es: `Solo los miembros ${v.tiers} pueden reservar ${v.resource}.`,
  }),
  tier_only_guest: (v) => ({
    en: `Only signed-in ${v.tiers} members may book ${v.resource}.`,
    es: `Solo los miembros ${v.tiers} con sesión iniciada pueden reservar ${v.resource}.`,
  }),
  tier_only_ok: (v) => ({ en: `${v.resource} is open to ${v.tiers} members.`, es: `${v.resource} está abierto a los miembros ${v.tiers}.` }),
};

export function describe(code: ReasonCode, values: Values, tier: Localized | null): Localized {
  return messages[code](values, tier);
}

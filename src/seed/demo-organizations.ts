/**
 * The five demo organizations, one per seed business plan in shared/seeds/. Later issues add
 * each one's catalog, resources and bookings beside these profiles.
 */
import type { MemberRole, OrganizationContact, OrganizationSettings } from '@/db/schema';

export const DEMO_PASSWORD = 'bookline-demo';

interface DemoAccount {
  email: string;
  name: string;
  role: MemberRole;
  /** The name of one of the organization's `tiers` the member holds. */
  tier?: string;
}

/** A member tier (modules/tiers), ranked by its place in the list (first = highest priority). */
export interface DemoTier {
  name: string;
  description: string;
  es: { name: string; description: string };
}

export interface DemoOrganization {
  slug: string;
  name: string;
  industry: string;
  description: string;
  timezone: string;
  currency: string;
  locale: string;
  contact: OrganizationContact;
  settings: OrganizationSettings;
  accounts: DemoAccount[];
  tiers?: DemoTier[];
}

export const demoOrganizations: DemoOrganization[] = [
  {
    slug: 'one-detail-at-a-time',
    name: 'One Detail At A Time',
    industry: 'Auto detailing',
    description:
      'Professional auto detailing in San Antonio, Texas. Interior and exterior details, ceramic coating and paint correction, done by hand with care for every surface. Request a booking online and we will confirm your time.',
    timezone: 'America/Chicago',
    currency: 'USD',
    locale: 'en',
    contact: {
      email: 'hello@onedetailatatime.example',
      phone: '+1 210-555-0142',
      website: 'https://onedetailatatime.example',
      address: { line1: '4120 Fredericksburg Rd', city: 'San Antonio', region: 'TX', postalCode: '78201', country: 'US' },
    },
    settings: { highlights: ['Mobile service across San Antonio', 'Ceramic coating specialists', 'Satisfaction guaranteed'], customerVehicles: true, publicFormChallenge: true },
    accounts: [
      { email: 'owner@one-detail-at-a-time.demo', name: 'Marcus Reyes', role: 'owner' },
      { email: 'staff@one-detail-at-a-time.demo', name: 'Jordan Ellis', role: 'staff' },
      { email: 'viewer@one-detail-at-a-time.demo', name: 'Avery Chen', role: 'viewer' },
    ],
  },
  {
    slug: 'bella-salon',
    name: 'Bella Salón & Clínica',
    industry: 'Salon and aesthetics clinic',
    description:
      'Peluquería, estética y tratamientos faciales en el corazón de Madrid. Reserva con tu profesional de confianza: cada una tiene su propio horario, y la disponibilidad en vivo muestra solo las horas que de verdad están libres.',
    timezone: 'Europe/Madrid',
    currency: 'EUR',
    locale: 'es',
    contact: {
      email: 'citas@bellasalon.example',
      phone: '+34 910 555 218',
      website: 'https://bellasalon.example',
      address: { line1: 'Calle de Fuencarral 72', city: 'Madrid', postalCode: '28004', country: 'ES' },
    },
    settings: { highlights: ['Cortes, color y tratamientos faciales', 'Reserva con tu profesional favorita'], publicFormChallenge: true },
    accounts: [
      { email: 'owner@bella-salon.demo', name: 'Isabel Navarro', role: 'owner' },
      { email: 'sofia@bella-salon.demo', name: 'Sofía Martín', role: 'staff' },
      { email: 'lucia@bella-salon.demo', name: 'Lucía Romero', role: 'staff' },
      { email: 'daniel@bella-salon.demo', name: 'Daniel Ortega', role: 'staff' },
    ],
  },
  {
    slug: 'reservepty',
    name: 'ReservePTY',
    industry: 'Private members’ club',
    description:
      'A members’ club in Panama sharing a fleet of planes and helicopters, beach and mountain residences and watercraft. Members reserve under the club’s booking rules; some reservations need a manager’s approval.',
    timezone: 'America/Panama',
    currency: 'USD',
    locale: 'en',
    contact: {
      email: 'concierge@reservepty.example',
      phone: '+507 6555-0190',
      website: 'https://reservepty.example',
      address: { line1: 'Torre Global Bank, Calle 50', city: 'Panama City', country: 'PA' },
    },
    // Members only (seed 002): reservations are made by signed-in members, under the club's rules.
    settings: { highlights: ['Planes · Helicopters · Residences · Watercraft', 'English and Spanish'], requireTwoFactorForAdmins: true, bookingAccess: 'members', waitlistHoldMinutes: 24 * 60, publicFormChallenge: true },
    accounts: [
      { email: 'owner@reservepty.demo', name: 'Alejandro Arias', role: 'owner', tier: 'Platinum' },
      { email: 'manager@reservepty.demo', name: 'Camila Herrera', role: 'manager' },
      { email: 'member@reservepty.demo', name: 'Ricardo Méndez', role: 'member', tier: 'Gold' },
    ],
    tiers: [
      {
        name: 'Platinum',
        description: 'Full fleet access, including the Gulfstream; first in line on the waitlist.',
        es: { name: 'Platino', description: 'Acceso a toda la flota, incluido el Gulfstream; primeros en la lista de espera.' },
      },
      {
        name: 'Gold',
        description: 'Helicopters, residences and watercraft; planes with approval.',
        es: { name: 'Oro', description: 'Helicópteros, residencias y embarcaciones; aviones con aprobación.' },
      },
      {
        name: 'Silver',
        description: 'Residences and watercraft.',
        es: { name: 'Plata', description: 'Residencias y embarcaciones.' },
      },
    ],
  },
  {
    slug: 'bookline-shop',
    name: 'Bookline Shop',
    industry: 'Online shop',
    description:
      'Car-care and home goods, shipped across the US. Featured products, promo codes and inventory that never sells what is not on the shelf.',
    timezone: 'America/Los_Angeles',
    currency: 'USD',
    locale: 'en',
    contact: {
      email: 'support@booklineshop.example',
      phone: '+1 415-555-0117',
      website: 'https://booklineshop.example',
      address: { line1: '500 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' },
    },
    settings: { highlights: ['Free shipping over $75', '30-day returns'], publicFormChallenge: true },
    accounts: [
      { email: 'owner@bookline-shop.demo', name: 'Priya Shah', role: 'owner' },
      { email: 'staff@bookline-shop.demo', name: 'Tom Becker', role: 'staff' },
    ],
  },
  {
    slug: 'xplorium',
    name: 'Xplorium',
    industry: 'Family entertainment venue',
    description:
      'A family entertainment venue in Novi Sad: playrooms, birthday party packages and weekend events. Book a party for your group, join an event, and collect loyalty points with every visit.',
    timezone: 'Europe/Belgrade',
    currency: 'RSD',
    locale: 'en',
    contact: {
      email: 'info@xplorium.example',
      phone: '+381 21 555 0163',
      website: 'https://xplorium.example',
      address: { line1: 'Bulevar oslobođenja 102', city: 'Novi Sad', postalCode: '21000', country: 'RS' },
    },
    settings: { highlights: ['Birthday parties for up to 40 guests', 'Loyalty points on every booking'], publicFormChallenge: true, staffIdleTimeoutMinutes: 30 },
    accounts: [
      { email: 'owner@xplorium.demo', name: 'Milica Jovanović', role: 'owner' },
      { email: 'staff@xplorium.demo', name: 'Nikola Petrović', role: 'staff' },
    ],
  },
];

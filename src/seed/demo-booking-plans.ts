/**
 * What the demo organizations' booking history and diary look like: who books what, on which
 * day relative to today (in the organization's zone), and how each booking ends up. Times are
 * not written here: demo-bookings.ts asks the availability engine for the slots actually
 * offered that day and picks one with a fixed-seed generator, so every booking respects
 * working hours, lunch breaks, buffers and what is already booked.
 *
 * Custom field values follow each service's customFields in demo-catalog.ts (vehicle_type for
 * the detailing shop, destination/passengers/guests for the club, child_name/child_age/
 * Xplorium's parties, whose guests are children and adults of the package); the booking use case
 * validates them like any request.
 */

type DemoOutcome = 'completed' | 'cancelled' | 'no_show' | 'rejected' | 'pending' | 'confirmed';

interface DemoPerson {
  name: string;
  email: string;
  phone?: string;
  /** Where a mobile business comes to: the answer to a service's address question. */
  address?: { street: string; city: string; postalCode: string };
}

export interface DemoBookingPlan {
  /** Service slug. */
  service: string;
  /** Days from today in the organization's zone; negative = history. */
  day: number;
  /** Index into the organization's `people`: the same index twice makes a repeat customer. */
  who: number;
  /** Past bookings end completed, cancelled, no_show or rejected; future ones pending, confirmed or cancelled. */
  outcome: DemoOutcome;
  /** Answers; an address question the plan leaves out is answered with the person's address. */
  fields?: Record<string, string | number | boolean>;
  message?: string;
  /** Staff notes (staff bookings only). */
  notes?: string;
  /** Resource key to book explicitly; without it, "any eligible resource". */
  resource?: string;
  /** Stays (multi_day services): number of nights. */
  nights?: number;
  /** Group services: seats taken. */
  seats?: number;
  /** Party packages: the guests. */
  children?: number;
  adults?: number;
  /** Add-ons of the service, by name. */
  addons?: { name: string; quantity: number }[];
  /** Why it was cancelled or rejected. */
  reason?: string;
  /** Came in through the public booking form instead of being entered by staff. */
  online?: boolean;
  /**
   * Made by the person's own member account (a club member booking for themself), not by
   * staff: members see only the bookings they made, so this is what fills their own list.
   */
  asMember?: boolean;
}

interface DemoBookings {
  people: DemoPerson[];
  plans: DemoBookingPlan[];
}

/** San Antonio addresses for the mobile detailer's customers, one per person in order. */
const sanAntonio: [string, string][] = [
  ['4318 Broadway St', '78209'],
  ['1127 S Alamo St', '78210'],
  ['8603 Fredericksburg Rd', '78229'],
  ['2510 Nacogdoches Rd', '78217'],
  ['15330 San Pedro Ave', '78232'],
  ['611 W Woodlawn Ave', '78212'],
  ['9822 Huebner Rd', '78240'],
  ['3302 Roosevelt Ave', '78214'],
  ['18007 Stone Oak Pkwy', '78258'],
  ['742 E Mistletoe Ave', '78212'],
  ['5522 Babcock Rd', '78240'],
  ['1906 Fair Ave', '78223'],
  ['12455 Blanco Rd', '78216'],
  ['430 Pershing Ave', '78209'],
  ['21000 Bulverde Rd', '78259'],
  ['2835 Culebra Rd', '78228'],
];
const withAddresses = (people: DemoPerson[]): DemoPerson[] =>
  people.map((p, i) => {
    const [street, postalCode] = sanAntonio[i % sanAntonio.length]!;
    return { ...p, address: { street, city: 'San Antonio', postalCode } };
  });

// ─── One Detail At A Time ──────────────────────────────────────────────────────────────────

const oneDetailAtATime: DemoBookings = {
  people: withAddresses([
    { name: 'Emily Carter', email: 'emily.carter@example.com', phone: '+1 210-555-0171' },
    { name: 'Daniel Brooks', email: 'daniel.brooks@example.com', phone: '+1 210-555-0128' },
    { name: 'Carlos Mendoza', email: 'carlos.mendoza@example.com', phone: '+1 210-555-0186' },
    { name: 'Michael Nguyen', email: 'michael.nguyen@example.com', phone: '+1 210-555-0112' },
    { name: 'Rachel Kim', email: 'rachel.kim@example.com', phone: '+1 726-555-0145' },
    { name: 'Tyler Johnson', email: 'tyler.johnson@example.com', phone: '+1 830-555-0109' },
    { name: 'Jessica Palmer', email: 'jessica.palmer@example.com', phone: '+1 210-555-0154' },
    { name: 'Aaliyah Washington', email: 'aaliyah.washington@example.com', phone: '+1 210-555-0167' },
    { name: 'Brian O’Connor', email: 'brian.oconnor@example.com' },
    { name: 'Megan Lopez', email: 'megan.lopez@example.com', phone: '+1 210-555-0133' },
    { name: 'Kevin Patel', email: 'kevin.patel@example.com', phone: '+1 210-555-0148' },
    { name: 'Olivia Martinez', email: 'olivia.martinez@example.com', phone: '+1 210-555-0190' },
    { name: 'Sofia Hernandez', email: 'sofia.hernandez@example.com', phone: '+1 210-555-0193' },
  ]),
  plans: [
    { service: 'full-detail', day: -20, who: 0, outcome: 'completed', online: true, fields: { vehicle_type: 'suv', vehicle_details: '2021 Honda CR-V' }, message: 'Road trip dust and a lot of bugs on the front.' },
    { service: 'exterior-detail', day: -19, who: 1, outcome: 'completed', resource: 'jordan', fields: { vehicle_type: 'truck', vehicle_details: '2018 Ford F-150' }, notes: 'Called in; regular at the car club.' },
    { service: 'interior-detail', day: -17, who: 2, outcome: 'completed', online: true, resource: 'luis', fields: { vehicle_type: 'van', vehicle_details: '2016 Honda Odyssey' }, message: 'Juice spills all over the second row.' },
    { service: 'paint-correction', day: -15, who: 3, outcome: 'completed', fields: { vehicle_type: 'sports', vehicle_details: '2020 Ford Mustang GT' }, message: 'Swirls from the automatic car wash.' },
    { service: 'pet-hair-removal', day: -13, who: 4, outcome: 'completed', online: true, resource: 'luis', fields: { vehicle_type: 'suv', vehicle_details: '2019 Subaru Outback' }, message: 'Two golden retrievers ride in the back.' },
    { service: 'headlight-restoration', day: -12, who: 5, outcome: 'cancelled', online: true, fields: { vehicle_type: 'sedan', vehicle_details: '2012 Toyota Camry' }, reason: 'Customer sold the car before the appointment.' },
    { service: 'ceramic-coating', day: -10, who: 6, outcome: 'completed', fields: { vehicle_type: 'coupe', vehicle_details: '2023 BMW M240i' }, message: 'New car, want it protected before summer.' },
    { service: 'full-detail', day: -8, who: 7, outcome: 'no_show', online: true, fields: { vehicle_type: 'sedan', vehicle_details: '2017 Lexus ES 350' } },
    { service: 'odor-elimination', day: -6, who: 8, outcome: 'completed', online: true, resource: 'luis', fields: { vehicle_type: 'sedan', vehicle_details: '2014 Honda Civic' }, message: 'The previous owner smoked.' },
    { service: 'engine-bay-cleaning', day: -5, who: 2, outcome: 'completed', resource: 'luis', fields: { vehicle_type: 'van', vehicle_details: '2016 Honda Odyssey' }, notes: 'Back after the interior detail; getting the van ready to sell.' },
    { service: 'exterior-detail', day: -3, who: 9, outcome: 'completed', online: true, fields: { vehicle_type: 'suv', vehicle_details: '2022 Toyota RAV4' } },
    { service: 'interior-detail', day: -2, who: 1, outcome: 'completed', fields: { vehicle_type: 'truck', vehicle_details: '2018 Ford F-150' }, message: 'Mud season: floor mats are a mess.' },

    { service: 'interior-detail', day: 1, who: 10, outcome: 'pending', online: true, resource: 'luis', fields: { vehicle_type: 'sedan', vehicle_details: '2020 Tesla Model 3' }, message: 'Coffee stain on the passenger seat.' },
    { service: 'full-detail', day: 2, who: 11, outcome: 'pending', online: true, fields: { vehicle_type: 'suv', vehicle_details: '2018 Chevrolet Tahoe' } },
    { service: 'exterior-detail', day: 3, who: 3, outcome: 'confirmed', resource: 'jordan', fields: { vehicle_type: 'sports', vehicle_details: '2020 Ford Mustang GT' }, notes: 'Keep the sealant from the paint correction in mind.' },
    { service: 'ceramic-coating', day: 5, who: 0, outcome: 'confirmed', online: true, fields: { vehicle_type: 'suv', vehicle_details: '2021 Honda CR-V' }, message: 'Loved the full detail last month, ready for the coating.' },
    { service: 'headlight-restoration', day: 7, who: 12, outcome: 'pending', online: true, resource: 'luis', fields: { vehicle_type: 'sedan', vehicle_details: '2010 Nissan Altima' } },
    { service: 'paint-correction', day: 9, who: 4, outcome: 'pending', online: true, fields: { vehicle_type: 'suv', vehicle_details: '2019 Subaru Outback' }, message: 'Light scratches on the tailgate.' },
    { service: 'full-detail', day: 12, who: 6, outcome: 'confirmed', resource: 'luis', fields: { vehicle_type: 'coupe', vehicle_details: '2023 BMW M240i' } },
    { service: 'pet-hair-removal', day: 16, who: 8, outcome: 'pending', online: true, resource: 'luis', fields: { vehicle_type: 'sedan' }, message: 'New puppy, sheds a lot.' },
  ],
};

// ─── Bella Salón & Clínica ─────────────────────────────────────────────────────────────────

const bellaSalon: DemoBookings = {
  people: [
    { name: 'Carmen López', email: 'carmen.lopez@example.com', phone: '+34 612 555 101' },
    { name: 'Javier García', email: 'javier.garcia@example.com', phone: '+34 623 555 214' },
    { name: 'Elena Sánchez', email: 'elena.sanchez@example.com', phone: '+34 634 555 327' },
    { name: 'Marta Fernández', email: 'marta.fernandez@example.com', phone: '+34 645 555 438' },
    { name: 'Pablo Ruiz', email: 'pablo.ruiz@example.com', phone: '+34 656 555 549' },
    { name: 'Laura Gómez', email: 'laura.gomez@example.com', phone: '+34 667 555 650' },
    { name: 'Andrea Díaz', email: 'andrea.diaz@example.com', phone: '+34 678 555 761' },
    { name: 'Alejandro Moreno', email: 'alejandro.moreno@example.com' },
    { name: 'Paula Jiménez', email: 'paula.jimenez@example.com', phone: '+34 689 555 872' },
    { name: 'Sergio Torres', email: 'sergio.torres@example.com', phone: '+34 690 555 983' },
    { name: 'Nuria Castillo', email: 'nuria.castillo@example.com', phone: '+34 611 555 094' },
    { name: 'Irene Vázquez', email: 'irene.vazquez@example.com', phone: '+34 622 555 105' },
    { name: 'Raúl Molina', email: 'raul.molina@example.com', phone: '+34 633 555 216' },
    { name: 'Beatriz Ortiz', email: 'beatriz.ortiz@example.com', phone: '+34 644 555 327' },
  ],
  plans: [
    { service: 'corte-de-pelo', day: -20, who: 0, outcome: 'completed', resource: 'sofia', online: true },
    { service: 'arreglo-de-barba', day: -19, who: 1, outcome: 'completed' },
    { service: 'tratamiento-facial', day: -18, who: 2, outcome: 'completed', online: true, message: 'Tengo la piel sensible.' },
    { service: 'color', day: -17, who: 3, outcome: 'completed', notes: 'Tinte 6.3, 30 min de exposición.' },
    { service: 'manicura', day: -16, who: 6, outcome: 'completed', online: true, message: 'Semipermanente, tono nude.' },
    { service: 'mechas', day: -14, who: 5, outcome: 'completed', message: 'Balayage rubio miel.' },
    { service: 'corte-de-pelo', day: -13, who: 4, outcome: 'completed', resource: 'daniel' },
    { service: 'pedicura', day: -12, who: 8, outcome: 'cancelled', online: true, reason: 'La clienta avisó de que estaba enferma.' },
    { service: 'corte-de-pelo', day: -11, who: 7, outcome: 'completed', online: true },
    { service: 'tratamiento-facial', day: -10, who: 0, outcome: 'completed' },
    { service: 'color', day: -8, who: 9, outcome: 'no_show', resource: 'daniel', online: true },
    { service: 'manicura', day: -7, who: 2, outcome: 'completed' },
    { service: 'corte-de-pelo', day: -5, who: 1, outcome: 'completed', resource: 'daniel', notes: 'Degradado bajo, como siempre.' },
    { service: 'mechas', day: -3, who: 10, outcome: 'completed', online: true, message: 'Primera vez con mechas.' },
    { service: 'pedicura', day: -2, who: 11, outcome: 'completed' },

    { service: 'corte-de-pelo', day: 1, who: 3, outcome: 'confirmed', online: true },
    { service: 'manicura', day: 2, who: 0, outcome: 'confirmed' },
    { service: 'arreglo-de-barba', day: 3, who: 4, outcome: 'confirmed', online: true },
    { service: 'color', day: 4, who: 5, outcome: 'confirmed', resource: 'sofia', message: 'Retoque de raíz.' },
    { service: 'tratamiento-facial', day: 6, who: 13, outcome: 'confirmed', online: true, message: 'Es un regalo de cumpleaños.' },
    { service: 'corte-de-pelo', day: 7, who: 12, outcome: 'confirmed', resource: 'daniel' },
    { service: 'mechas', day: 8, who: 6, outcome: 'confirmed', online: true },
    { service: 'pedicura', day: 10, who: 2, outcome: 'confirmed' },
    { service: 'corte-de-pelo', day: 12, who: 9, outcome: 'cancelled', online: true, reason: 'Cambio de planes: está de viaje esa semana.' },
    { service: 'color', day: 14, who: 11, outcome: 'pending', notes: 'Pendiente de la prueba de alergia; confirmar después.' },
    { service: 'manicura', day: 17, who: 8, outcome: 'confirmed', online: true },
    { service: 'corte-de-pelo', day: 20, who: 0, outcome: 'confirmed', resource: 'sofia' },
  ],
};

// ─── ReservePTY ────────────────────────────────────────────────────────────────────────────

/** The demo member account (demo-organizations.ts): their own reservations are made `asMember`. */
const member: DemoPerson = { name: 'Ricardo Méndez', email: 'member@reservepty.demo' };

const reservepty: DemoBookings = {
  people: [
    member,
    { name: 'Gabriela Fábrega', email: 'gabriela.fabrega@example.com', phone: '+507 6555-0322' },
    { name: 'Roberto Motta', email: 'roberto.motta@example.com', phone: '+507 6555-0333' },
    { name: 'Ana Lucía Arosemena', email: 'analucia.arosemena@example.com', phone: '+507 6555-0344' },
    { name: 'Fernando Chiari', email: 'fernando.chiari@example.com', phone: '+507 6555-0355' },
  ],
  plans: [
    { service: 'residence-stay', day: -18, who: 0, asMember: true, outcome: 'completed', resource: 'pedasi', nights: 3, fields: { guests: 6 }, message: 'Family weekend at the beach.' },
    { service: 'flight-hourly', day: -12, who: 1, outcome: 'completed', resource: 'cj3', fields: { destination: 'Bogotá (SKBO)', passengers: 4 }, notes: 'Catering: light breakfast.' },
    { service: 'yacht-day-charter', day: -9, who: 2, outcome: 'cancelled', fields: { guests: 10 }, reason: 'Weather: small-craft advisory for the Pearl Islands.' },
    { service: 'helicopter-transfer', day: -6, who: 0, asMember: true, outcome: 'completed', fields: { pickup: 'Albrook (MPMG)', destination: 'Isla Contadora', passengers: 3 } },
    { service: 'residence-stay', day: -7, who: 4, outcome: 'completed', resource: 'boquete', nights: 2, fields: { guests: 4 } },

    { service: 'flight-hourly', day: 2, who: 0, asMember: true, outcome: 'pending', fields: { destination: 'Bocas del Toro (MPBO)', passengers: 5 }, message: 'Two surfboards in the luggage.' },
    { service: 'helicopter-transfer', day: 4, who: 3, outcome: 'pending', fields: { pickup: 'Casco Viejo helipad', destination: 'Pedasí', passengers: 2 } },
    // Four nights: over the club's three-night limit without approval, so it waits in the approval queue.
    { service: 'residence-stay', day: 6, who: 0, asMember: true, outcome: 'pending', resource: 'boquete', nights: 4, fields: { guests: 5 }, message: 'Coffee tour for the kids, please.' },
    { service: 'yacht-day-charter', day: 7, who: 0, asMember: true, outcome: 'confirmed', fields: { guests: 6 }, message: 'Snorkelling gear for six, please.' },
    { service: 'yacht-day-charter', day: 9, who: 1, outcome: 'confirmed', fields: { guests: 8 }, notes: 'Birthday lunch on board: order the cake.' },
    { service: 'flight-hourly', day: 11, who: 4, outcome: 'confirmed', resource: 'pc12', fields: { destination: 'Isla Contadora (MPRA)', passengers: 3 } },
    { service: 'residence-stay', day: 14, who: 2, outcome: 'confirmed', resource: 'pedasi', nights: 5, fields: { guests: 8 } },
    { service: 'flight-hourly', day: 15, who: 1, outcome: 'pending', resource: 'cj3', fields: { destination: 'Medellín (SKRG)', passengers: 6 } },
  ],
};

// ─── Xplorium ──────────────────────────────────────────────────────────────────────────────

const xplorium: DemoBookings = {
  people: [
    { name: 'Jelena Marković', email: 'jelena.markovic@example.com', phone: '+381 64 555 0101' },
    { name: 'Stefan Nikolić', email: 'stefan.nikolic@example.com', phone: '+381 63 555 0102' },
    { name: 'Ana Đorđević', email: 'ana.djordjevic@example.com', phone: '+381 65 555 0103' },
    { name: 'Marko Ilić', email: 'marko.ilic@example.com', phone: '+381 64 555 0104' },
    { name: 'Ivana Stojanović', email: 'ivana.stojanovic@example.com' },
    { name: 'Milan Popović', email: 'milan.popovic@example.com', phone: '+381 60 555 0106' },
    { name: 'Tamara Kovačević', email: 'tamara.kovacevic@example.com', phone: '+381 62 555 0107' },
    { name: 'Nenad Pavlović', email: 'nenad.pavlovic@example.com', phone: '+381 63 555 0108' },
  ],
  plans: [
    { service: 'birthday-party-classic', day: -20, who: 0, outcome: 'completed', resource: 'jungle', online: true, fields: { child_name: 'Luka', child_age: 6 }, children: 12, adults: 6, addons: [{ name: 'Themed cake', quantity: 1 }, { name: 'Pizza menu', quantity: 1 }] },
    { service: 'birthday-party-premium', day: -13, who: 1, outcome: 'completed', resource: 'space', fields: { child_name: 'Mia', child_age: 8 }, children: 18, adults: 12, message: 'Chocolate cake, no nuts please.' },
    { service: 'open-play-session', day: -9, who: 2, outcome: 'completed', seats: 2, online: true, fields: { child_age: 4 } },
    { service: 'birthday-party-classic', day: -6, who: 3, outcome: 'cancelled', online: true, fields: { child_name: 'Sara', child_age: 5 }, children: 10, adults: 5, reason: 'The birthday girl has chickenpox; the family will pick a new date.' },
    { service: 'open-play-session', day: -4, who: 4, outcome: 'completed', seats: 3, fields: { child_age: 7 } },
    { service: 'open-play-session', day: -2, who: 0, outcome: 'completed', seats: 2, online: true, fields: { child_age: 3 } },

    { service: 'open-play-session', day: 2, who: 7, outcome: 'confirmed', seats: 4, online: true, fields: { child_age: 6 } },
    { service: 'birthday-party-premium', day: 3, who: 5, outcome: 'confirmed', resource: 'space', fields: { child_name: 'Nina', child_age: 7 }, children: 22, adults: 13, addons: [{ name: 'Decorations', quantity: 1 }, { name: 'Extra hour', quantity: 1 }], message: 'Space theme, she loves planets.' },
    { service: 'birthday-party-mega', day: 10, who: 2, outcome: 'confirmed', resource: 'jungle', fields: { child_name: 'Teo', child_age: 10 }, children: 28, adults: 12, addons: [{ name: 'Decorations', quantity: 1 }], message: 'The whole class is coming.' },
    { service: 'birthday-party-classic', day: 5, who: 6, outcome: 'pending', fields: { child_name: 'Vuk', child_age: 4 }, children: 8, adults: 4, notes: 'Awaiting the deposit; confirm once paid.' },
    { service: 'open-play-session', day: 6, who: 4, outcome: 'confirmed', seats: 3, fields: { child_age: 7 } },
    { service: 'birthday-party-classic', day: 8, who: 3, outcome: 'confirmed', online: true, fields: { child_name: 'Sara', child_age: 5 }, children: 10, adults: 5, addons: [{ name: 'Themed cake', quantity: 1 }], message: 'The new date after the cancelled party.' },
    { service: 'birthday-party-premium', day: 12, who: 0, outcome: 'pending', resource: 'jungle', fields: { child_name: 'Ema', child_age: 9 }, children: 18, adults: 10, notes: 'Asked for a magician show; check availability.' },
  ],
};

export const demoBookings: Record<string, DemoBookings> = {
  'one-detail-at-a-time': oneDetailAtATime,
  'bella-salon': bellaSalon,
  reservepty,
  xplorium,
  // bookline-shop sells products: no bookings.
};

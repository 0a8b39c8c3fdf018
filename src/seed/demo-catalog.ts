/**
 * The demo organizations' catalogs: services, resources, who performs what, business hours,
 * per-resource hours. Prices are integer minor units of the organization's currency (RSD has
 * two decimals in ISO 4217, like USD and EUR). Written as plain rows inside the seed's tenant
 * transaction; tests parse every entry with the catalog module's input schemas, so the demo
 * data obeys the same rules as data entered through the API.
 *
 * Choices worth knowing:
 *  - One Detail At A Time is a mobile detailer: its bookable capacity is its two detailers
 *    (staff resources, one linked to staff@'s account), not a bay. Every service is a request
 *    the shop confirms (requiresConfirmation), with a required vehicle type.
 *  - Bella's professionals keep their own hours with a lunch break and different days off.
 *  - ReservePTY's assets keep their own operating hours; residences are bookable by the
 *    night (multiDay settings) and open all day, at a fixed nightly rate. Photos are drawings
 *    served by the install (public/demo/reservepty), capacities are in details.maxPeople, and
 *    the Citation CJ3 is in a maintenance window (a blackout of kind maintenance) from
 *    yesterday to three days ahead.
 *  - Bookline Shop sells products, not time: no catalog.
 */
import type { Tx } from '@/db/client';
import { DateTime } from 'luxon';
import { blackouts, type CancellationStep, type CustomField, type DepositType, type MultiDaySettings, type ProcessStep, resources, serviceAddons, serviceResources, servicePackages, services, stockItems, workingHours, type AddonPricing } from '@/db/schema';
import { newId } from '@/lib/ids';
import { demoTranslations } from './demo-translations';

interface DemoRange {
  start: string;
  end: string;
}

/** weekday (ISO 1–7) → ranges. */
type DemoWeek = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, DemoRange[]>>;

interface DemoResource {
  key: string;
  kind: 'staff' | 'asset' | 'room' | 'space';
  name: string;
  description: string;
  section?: string;
  details?: Record<string, string | number | boolean | string[]>;
  photos?: string[];
  capacity?: number;
  /** Email of the demo account this professional signs in with. */
  userEmail?: string;
  multiDay?: MultiDaySettings;
  hours?: DemoWeek;
  /** A maintenance window around the day the demo is seeded: from `fromDay` to `toDay` (days from today), local times. */
  maintenance?: { fromDay: number; from: string; toDay: number; to: string; reason: string; es: string };
}

interface DemoService {
  slug: string;
  name: string;
  category?: 'primary' | 'additional';
  title?: string;
  description: string;
  features?: string[];
  benefits?: string[];
  processSteps?: ProcessStep[];
  bookingMode?: 'slot' | 'multi_day';
  durationMinutes: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  slotIntervalMinutes?: number;
  minNoticeMinutes?: number;
  maxAdvanceDays?: number;
  cancellationNoticeMinutes?: number;
  priceMinor: number;
  priceFrom?: boolean;
  capacity?: number;
  requiresConfirmation?: boolean;
  customFields?: CustomField[];
  /** Keys of the resources that perform it. */
  resources: string[];
  /** Party package pricing (service_packages). */
  package?: DemoPackage;
  /** Optional extras (service_addons), in order. */
  addons?: DemoAddon[];
}

interface DemoPackage {
  includedChildren: number;
  includedAdults: number;
  extraChildMinor: number;
  extraAdultMinor: number;
  minGuests: number;
  maxGuests: number;
  depositType: DepositType;
  depositValue: number;
  balanceDueDays: number;
  cancellationPolicy: CancellationStep[];
}

interface DemoAddon {
  name: string;
  description?: string;
  /** The other content language's text (es for English catalogs, en for Spanish ones). */
  translated: { name: string; description?: string };
  priceMinor: number;
  pricing?: AddonPricing;
  extraMinutes?: number;
  maxQuantity?: number;
  /** A stock item it draws on (one per code per organization, shared by the services offering it). */
  stock?: { code: string; onHand: number; lowStockThreshold: number };
}

interface DemoCatalog {
  businessHours: DemoWeek;
  resources: DemoResource[];
  services: DemoService[];
}

const every = (ranges: DemoRange[], days: (1 | 2 | 3 | 4 | 5 | 6 | 7)[]): DemoWeek => Object.fromEntries(days.map((d) => [d, ranges]));
const weekdaysOnly = [1, 2, 3, 4, 5] as const;
const allWeek = [1, 2, 3, 4, 5, 6, 7] as const;

// ─── One Detail At A Time ──────────────────────────────────────────────────────────────────

const vehicleType: CustomField = {
  key: 'vehicle_type',
  label: 'Vehicle type',
  type: 'select',
  required: true,
  options: ['sedan', 'suv', 'truck', 'van', 'coupe', 'sports'],
  helpText: 'Larger vehicles take longer; the final price depends on size and condition.',
};
const vehicleDetails: CustomField = {
  key: 'vehicle_details',
  label: 'Year, make and model',
  type: 'text',
  required: false,
  maxLength: 120,
  helpText: 'For example: 2019 Toyota Tacoma',
};
const serviceAddress: CustomField = {
  key: 'service_address',
  label: 'Where should we come?',
  type: 'address',
  required: true,
  helpText: 'We come to your home or workplace anywhere in San Antonio; we bring water and power.',
};
const detailFields = [vehicleType, vehicleDetails, serviceAddress];
const detailing = { requiresConfirmation: true, priceFrom: true, slotIntervalMinutes: 30, bufferAfterMinutes: 30, minNoticeMinutes: 1440, maxAdvanceDays: 90, customFields: detailFields };
const detailers = ['jordan', 'luis'];
/**
 * The shop's "additional" offers, also sold as add-ons of a main detail: booked with it, they
 * lengthen the same visit (the detailer stays longer) instead of taking a second appointment.
 * The standalone services stay for customers who want only that.
 */
const detailAddons: DemoAddon[] = [
  { name: 'Engine bay cleaning', translated: { name: 'Limpieza del motor' }, priceMinor: 5900, extraMinutes: 45 },
  { name: 'Headlight restoration', translated: { name: 'Restauración de faros' }, priceMinor: 7900, extraMinutes: 60 },
  { name: 'Pet hair removal', translated: { name: 'Eliminación de pelo de mascota' }, priceMinor: 4900, extraMinutes: 45 },
  { name: 'Odor elimination', translated: { name: 'Eliminación de olores' }, priceMinor: 6900, extraMinutes: 60 },
];

const oneDetailAtATime: DemoCatalog = {
  businessHours: { ...every([{ start: '08:00', end: '18:00' }], [...weekdaysOnly]), 6: [{ start: '09:00', end: '15:00' }] },
  resources: [
    {
      key: 'jordan',
      kind: 'staff',
      name: 'Jordan Ellis',
      description: 'Lead detailer. IDA-certified, eight years on paint correction and ceramic coatings.',
      photos: ['https://images.example/one-detail-at-a-time/jordan.jpg'],
      userEmail: 'staff@one-detail-at-a-time.demo',
    },
    {
      key: 'luis',
      kind: 'staff',
      name: 'Luis Garza',
      description: 'Detailer specialising in interiors: upholstery, leather and odor treatment.',
      photos: ['https://images.example/one-detail-at-a-time/luis.jpg'],
      // Works Tuesday to Saturday, so the shop covers Saturdays without Jordan.
      hours: { ...every([{ start: '08:00', end: '18:00' }], [2, 3, 4, 5]), 6: [{ start: '09:00', end: '15:00' }] },
    },
  ],
  services: [
    {
      slug: 'full-detail',
      name: 'Full Detail',
      title: 'Showroom finish, inside and out',
      description: 'Our complete package: a full interior detail and a hand exterior detail with a clay-bar decontamination and six months of paint sealant protection.',
      features: ['Foam pre-wash and two-bucket hand wash', 'Clay-bar decontamination', 'Paint sealant (6 months)', 'Full interior vacuum and steam clean', 'Leather cleaned and conditioned', 'Streak-free glass inside and out'],
      benefits: ['Restores that new-car look and feel', 'Protects paint from Texas sun and grime', 'Raises resale and trade-in value'],
      processSteps: [
        { title: 'Walk-around inspection', description: 'We note problem areas with you before we start.' },
        { title: 'Exterior wash and decontamination', description: 'Foam, hand wash, iron remover and clay bar.' },
        { title: 'Interior deep clean', description: 'Vacuum, steam, shampoo and leather care.' },
        { title: 'Protection', description: 'Paint sealant, tire dressing and glass treatment.' },
        { title: 'Final inspection', description: 'We walk the car with you before handing back the keys.' },
      ],
      durationMinutes: 240,
      priceMinor: 24900,
      ...detailing,
      addons: detailAddons,
      resources: detailers,
    },
    {
      slug: 'interior-detail',
      name: 'Interior Detail',
      title: 'A cabin that feels new again',
      description: 'Deep cleaning of every interior surface: carpets and mats shampooed, seats steamed or leather conditioned, vents, consoles and door jambs detailed.',
      features: ['Thorough vacuum, including trunk', 'Carpet and mat shampoo and extraction', 'Steam cleaning of seats and surfaces', 'Leather cleaned and conditioned', 'Dashboard and trim UV protection'],
      benefits: ['Removes stains, allergens and odors', 'Protects plastics and leather from cracking'],
      processSteps: [
        { title: 'Declutter and vacuum' },
        { title: 'Shampoo and hot-water extraction' },
        { title: 'Steam and detail brushes on every surface' },
        { title: 'Condition and protect' },
      ],
      durationMinutes: 150,
      priceMinor: 14900,
      ...detailing,
      addons: detailAddons,
      resources: detailers,
    },
    {
      slug: 'exterior-detail',
      name: 'Exterior Detail',
      title: 'Deep gloss and protection',
      description: 'Hand wash, decontamination, wheels and tires, trim restoration and a paint sealant for lasting gloss.',
      features: ['Foam pre-wash and hand wash', 'Wheel faces, barrels and calipers cleaned', 'Iron and tar removal', 'Clay-bar treatment', 'Paint sealant and tire dressing'],
      benefits: ['Slicker paint that stays clean longer', 'Protection against UV and road contaminants'],
      processSteps: [{ title: 'Wheels and tires first' }, { title: 'Foam and hand wash' }, { title: 'Decontaminate' }, { title: 'Seal and dress' }],
      durationMinutes: 120,
      priceMinor: 12900,
      ...detailing,
      addons: detailAddons,
      resources: detailers,
    },
    {
      slug: 'ceramic-coating',
      name: 'Ceramic Coating',
      title: 'Years of protection, not months',
      description: 'A professional-grade ceramic coating bonded to your paint after a one-step polish. Hydrophobic, chemical resistant and easier to keep clean for up to five years.',
      features: ['Full exterior detail and decontamination', 'One-step machine polish', 'Panel wipe and IR-cured ceramic coating', 'Wheels and glass coated', 'Care kit and written warranty'],
      benefits: ['Up to five years of protection', 'Water and dirt slide off', 'Deeper gloss and color'],
      processSteps: [
        { title: 'Consultation', description: 'We confirm your coating package and the paint condition.' },
        { title: 'Wash and decontamination' },
        { title: 'Paint enhancement polish' },
        { title: 'Coating application and curing' },
        { title: 'Aftercare briefing' },
      ],
      durationMinutes: 480,
      priceMinor: 89900,
      ...detailing,
      minNoticeMinutes: 2880,
      cancellationNoticeMinutes: 2880,
      resources: ['jordan'],
    },
    {
      slug: 'paint-correction',
      name: 'Paint Correction',
      title: 'Swirls and scratches, polished away',
      description: 'Multi-stage machine compounding and polishing that removes swirl marks, water spots and light scratches, measured with a paint-depth gauge.',
      features: ['Paint-depth measurement', 'Multi-stage compound and polish', 'Swirl, haze and water-spot removal', 'Sealant protection after correction'],
      benefits: ['Mirror-like clarity', 'Corrects damage from automatic car washes'],
      processSteps: [{ title: 'Inspect under LED lighting' }, { title: 'Test spot' }, { title: 'Compound' }, { title: 'Polish' }, { title: 'Protect' }],
      durationMinutes: 360,
      priceMinor: 49900,
      ...detailing,
      resources: ['jordan'],
    },
    {
      slug: 'engine-bay-cleaning',
      name: 'Engine Bay Cleaning',
      category: 'additional',
      description: 'Safe degreasing and dressing of the engine bay, with electrics covered.',
      features: ['Degrease and agitate', 'Low-pressure rinse', 'Plastics dressed'],
      benefits: ['Easier to spot leaks', 'Looks great at resale'],
      durationMinutes: 45,
      priceMinor: 5900,
      ...detailing,
      resources: detailers,
    },
    {
      slug: 'headlight-restoration',
      name: 'Headlight Restoration',
      category: 'additional',
      description: 'Wet-sanding and polishing of yellowed headlights, sealed with UV protection.',
      features: ['Wet-sand and polish', 'UV-resistant sealant'],
      benefits: ['Brighter, safer night driving'],
      durationMinutes: 60,
      priceMinor: 7900,
      ...detailing,
      resources: detailers,
    },
    {
      slug: 'pet-hair-removal',
      name: 'Pet Hair Removal',
      category: 'additional',
      description: 'Extra time and tools to lift embedded pet hair from carpets and seats.',
      features: ['Rubber brushes and air tools', 'Seats, carpets and cargo area'],
      benefits: ['A cabin free of fur and dander'],
      durationMinutes: 45,
      priceMinor: 4900,
      ...detailing,
      resources: detailers,
    },
    {
      slug: 'odor-elimination',
      name: 'Odor Elimination',
      category: 'additional',
      description: 'Ozone treatment that neutralises smoke, food and pet odors at the source.',
      features: ['Source cleaning', 'Ozone treatment'],
      benefits: ['Fresh air, not a cover-up scent'],
      durationMinutes: 60,
      priceMinor: 6900,
      ...detailing,
      resources: detailers,
    },
  ],
};

// ─── Bella Salón & Clínica ─────────────────────────────────────────────────────────────────

const morningAndAfternoon = [
  { start: '09:30', end: '14:00' },
  { start: '15:00', end: '19:30' },
];
const salon = { slotIntervalMinutes: 15, minNoticeMinutes: 120, maxAdvanceDays: 60, cancellationNoticeMinutes: 720 };

const bellaSalon: DemoCatalog = {
  businessHours: every([{ start: '09:30', end: '20:00' }], [1, 2, 3, 4, 5, 6]),
  resources: [
    {
      key: 'sofia',
      kind: 'staff',
      name: 'Sofía Martín',
      description: 'Estilista y colorista: cortes, color y mechas balayage.',
      photos: ['https://images.example/bella-salon/sofia.jpg'],
      userEmail: 'sofia@bella-salon.demo',
      hours: every(morningAndAfternoon, [1, 2, 3, 4, 5]),
    },
    {
      key: 'lucia',
      kind: 'staff',
      name: 'Lucía Romero',
      description: 'Esteticista: tratamientos faciales, manicura y pedicura.',
      photos: ['https://images.example/bella-salon/lucia.jpg'],
      userEmail: 'lucia@bella-salon.demo',
      hours: every(morningAndAfternoon, [2, 3, 4, 5, 6]),
    },
    {
      key: 'daniel',
      kind: 'staff',
      name: 'Daniel Ortega',
      description: 'Peluquero y barbero: cortes de caballero, barba y color.',
      photos: ['https://images.example/bella-salon/daniel.jpg'],
      userEmail: 'daniel@bella-salon.demo',
      hours: {
        ...every(
          [
            { start: '10:00', end: '14:30' },
            { start: '15:30', end: '20:00' },
          ],
          [1, 2, 3, 4],
        ),
        6: [{ start: '09:30', end: '14:00' }],
      },
    },
  ],
  services: [
    {
      slug: 'corte-de-pelo',
      name: 'Corte de pelo',
      description: 'Lavado, corte personalizado y peinado.',
      features: ['Diagnóstico del cabello', 'Lavado con masaje', 'Corte y peinado'],
      durationMinutes: 45,
      priceMinor: 2800,
      ...salon,
      // Corte + color: the colour booked with the cut, one longer appointment with the same professional.
      addons: [
        { name: 'Color', description: 'Color completo sin amoníaco, en la misma cita.', translated: { name: 'Colour', description: 'Full ammonia-free colour in the same appointment.' }, priceMinor: 5500, extraMinutes: 90 },
        { name: 'Tratamiento de hidratación', translated: { name: 'Moisturising treatment' }, priceMinor: 1500, extraMinutes: 15 },
      ],
      resources: ['sofia', 'daniel'],
    },
    {
      slug: 'color',
      name: 'Color',
      description: 'Color completo de raíz a puntas con productos sin amoníaco.',
      features: ['Prueba de alergia previa', 'Color sin amoníaco', 'Tratamiento protector'],
      durationMinutes: 90,
      bufferAfterMinutes: 10,
      priceMinor: 5500,
      priceFrom: true,
      ...salon,
      resources: ['sofia', 'daniel'],
    },
    {
      slug: 'mechas',
      name: 'Mechas',
      description: 'Mechas, balayage o babylights a mano alzada, con matiz incluido.',
      features: ['Balayage o papel', 'Matiz y tratamiento'],
      durationMinutes: 120,
      bufferAfterMinutes: 10,
      priceMinor: 7500,
      priceFrom: true,
      ...salon,
      resources: ['sofia'],
    },
    {
      slug: 'tratamiento-facial',
      name: 'Tratamiento facial',
      description: 'Limpieza profunda, exfoliación, mascarilla e hidratación según tu tipo de piel.',
      features: ['Análisis de piel', 'Limpieza y extracción', 'Mascarilla y masaje facial'],
      durationMinutes: 60,
      bufferAfterMinutes: 10,
      priceMinor: 5000,
      ...salon,
      resources: ['lucia'],
    },
    {
      slug: 'manicura',
      name: 'Manicura',
      description: 'Limado, cutículas, hidratación y esmaltado tradicional o semipermanente.',
      durationMinutes: 45,
      priceMinor: 2000,
      priceFrom: true,
      ...salon,
      resources: ['lucia'],
    },
    {
      slug: 'pedicura',
      name: 'Pedicura',
      description: 'Pedicura completa con exfoliación y esmaltado.',
      durationMinutes: 60,
      priceMinor: 3000,
      ...salon,
      resources: ['lucia'],
    },
    {
      slug: 'arreglo-de-barba',
      name: 'Arreglo de barba',
      category: 'additional',
      description: 'Perfilado con navaja, toalla caliente y aceite.',
      durationMinutes: 20,
      priceMinor: 1200,
      ...salon,
      resources: ['daniel'],
    },
  ],
};

// ─── ReservePTY ────────────────────────────────────────────────────────────────────────────

const club = { minNoticeMinutes: 1440, maxAdvanceDays: 180, cancellationNoticeMinutes: 2880 };
const stayAt = { checkInTime: '15:00', checkOutTime: '11:00', minNights: 2, maxNights: 14 };

const reservepty: DemoCatalog = {
  // The concierge desk; each asset keeps its own operating hours.
  businessHours: every([{ start: '07:00', end: '21:00' }], [...allWeek]),
  resources: [
    {
      key: 'cj3',
      kind: 'asset',
      section: 'planes',
      name: 'Cessna Citation CJ3',
      description: 'Light jet for regional flights: Panama City to Bogotá, San José or Medellín nonstop.',
      details: { maxPeople: 7, capacityLabel: 'passengers', rangeNm: 2040, cruiseKts: 416, tailNumber: 'HP-1903', baseAirport: 'MPMG Albrook' },
      photos: ['/demo/reservepty/cj3-exterior.svg', '/demo/reservepty/cj3-cabin.svg'],
      hours: every([{ start: '06:00', end: '19:00' }], [...allWeek]),
      maintenance: { fromDay: -1, from: '08:00', toDay: 3, to: '18:00', reason: 'Annual engine inspection', es: 'Inspección anual de motores' },
    },
    {
      key: 'pc12',
      kind: 'asset',
      section: 'planes',
      name: 'Pilatus PC-12 NGX',
      description: 'Turboprop that lands on short island and interior strips: Contadora, Bocas del Toro, Pedasí.',
      details: { maxPeople: 8, capacityLabel: 'passengers', rangeNm: 1800, cruiseKts: 290, tailNumber: 'HP-1912', baseAirport: 'MPMG Albrook' },
      photos: ['/demo/reservepty/pc12.svg'],
      hours: every([{ start: '06:00', end: '18:00' }], [...allWeek]),
    },
    {
      key: 'bell407',
      kind: 'asset',
      section: 'helicopters',
      name: 'Bell 407',
      description: 'Six-seat helicopter for transfers to the islands, the canal and the interior.',
      details: { maxPeople: 6, capacityLabel: 'passengers', rangeNm: 330, cruiseKts: 133, tailNumber: 'HP-407R' },
      photos: ['/demo/reservepty/bell-407.svg'],
      hours: every([{ start: '07:00', end: '18:00' }], [...allWeek]),
    },
    {
      key: 'pedasi',
      kind: 'asset',
      section: 'residences',
      name: 'Casa Pedasí beach house',
      description: 'Oceanfront house on Playa El Toro with a pool, staff and a short walk to the village.',
      details: { bedrooms: 5, bathrooms: 5, maxPeople: 10, capacityLabel: 'sleeps', pool: true, location: 'Pedasí, Los Santos' },
      photos: ['/demo/reservepty/casa-pedasi.svg', '/demo/reservepty/casa-pedasi-pool.svg'],
      multiDay: stayAt,
      hours: every([{ start: '00:00', end: '24:00' }], [...allWeek]),
    },
    {
      key: 'boquete',
      kind: 'asset',
      section: 'residences',
      name: 'Boquete mountain lodge',
      description: 'Coffee-farm lodge in the Chiriquí highlands, with a fireplace and views of Volcán Barú.',
      details: { bedrooms: 4, bathrooms: 3, maxPeople: 8, capacityLabel: 'sleeps', fireplace: true, location: 'Boquete, Chiriquí' },
      photos: ['/demo/reservepty/boquete-lodge.svg'],
      multiDay: stayAt,
      hours: every([{ start: '00:00', end: '24:00' }], [...allWeek]),
    },
    {
      key: 'azimut',
      kind: 'asset',
      section: 'watercraft',
      name: 'Azimut 55 yacht',
      description: 'Flybridge yacht with captain and crew, based at Flamenco Marina, for the Pearl Islands and Taboga.',
      details: { lengthFt: 55, maxPeople: 12, capacityLabel: 'guests', cabins: 3, crew: 2, marina: 'Flamenco Marina' },
      photos: ['/demo/reservepty/azimut-55.svg'],
      hours: every([{ start: '08:00', end: '18:00' }], [...allWeek]),
    },
  ],
  services: [
    {
      slug: 'flight-hourly',
      name: 'Flight (hourly)',
      title: 'Private flight, billed by the flight hour',
      description: 'Reserve a club aircraft with crew. Book the block hours you need; a manager approves every flight request and confirms the crew.',
      features: ['Two pilots', 'Catering on request', 'FBO handling at Albrook'],
      durationMinutes: 60,
      slotIntervalMinutes: 60,
      bufferAfterMinutes: 60,
      priceMinor: 320000,
      priceFrom: true,
      requiresConfirmation: true,
      ...club,
      customFields: [
        { key: 'destination', label: 'Destination', type: 'text', required: true, maxLength: 120 },
        { key: 'passengers', label: 'Passengers', type: 'number', required: true },
      ],
      resources: ['cj3', 'pc12'],
    },
    {
      slug: 'helicopter-transfer',
      name: 'Helicopter transfer',
      description: 'Point-to-point helicopter transfer with pilot; approved by a manager.',
      durationMinutes: 60,
      slotIntervalMinutes: 30,
      bufferAfterMinutes: 30,
      priceMinor: 180000,
      priceFrom: true,
      requiresConfirmation: true,
      ...club,
      customFields: [
        { key: 'pickup', label: 'Pickup point', type: 'text', required: true, maxLength: 120 },
        { key: 'destination', label: 'Destination', type: 'text', required: true, maxLength: 120 },
        { key: 'passengers', label: 'Passengers', type: 'number', required: true },
      ],
      resources: ['bell407'],
    },
    {
      slug: 'residence-stay',
      name: 'Residence stay',
      title: 'Nights at a club residence',
      description: 'Stay at one of the club houses with housekeeping included. Check-in from 15:00, check-out by 11:00, 2 to 14 nights.',
      features: ['Housekeeping daily', 'Welcome basket', 'Airport transfer on request'],
      bookingMode: 'multi_day',
      durationMinutes: 1440,
      slotIntervalMinutes: 1440,
      // A fixed nightly rate: the total (nights × rate) is known before booking.
      priceMinor: 65000,
      ...club,
      customFields: [{ key: 'guests', label: 'Guests', type: 'number', required: true }],
      resources: ['pedasi', 'boquete'],
    },
    {
      slug: 'yacht-day-charter',
      name: 'Yacht day charter',
      description: 'A day on the Azimut 55 with captain and crew: Taboga, Las Perlas or Contadora.',
      features: ['Captain and deckhand', 'Snorkel gear and paddleboards', 'Lunch on board'],
      durationMinutes: 480,
      slotIntervalMinutes: 60,
      bufferAfterMinutes: 60,
      priceMinor: 380000,
      requiresConfirmation: true,
      ...club,
      customFields: [{ key: 'guests', label: 'Guests', type: 'number', required: true }],
      resources: ['azimut'],
    },
  ],
};

// ─── Xplorium ──────────────────────────────────────────────────────────────────────────────

const partyFields: CustomField[] = [
  { key: 'child_name', label: "Birthday child's name", type: 'text', required: true, maxLength: 80 },
  { key: 'child_age', label: 'Age they are turning', type: 'number', required: true },
];
const party = { slotIntervalMinutes: 60, bufferAfterMinutes: 30, minNoticeMinutes: 2880, maxAdvanceDays: 120, cancellationNoticeMinutes: 2880, customFields: partyFields };
/** Cancel two weeks ahead: everything back; three days ahead: half; later: the deposit is kept. */
const partyPolicy: CancellationStep[] = [
  { minNoticeHours: 336, refundPercent: 100 },
  { minNoticeHours: 72, refundPercent: 50 },
];
/** Extras of every party (RSD minor units). */
const partyAddons: DemoAddon[] = [
  // The kitchen bakes 8 themed cakes ahead: the add-on draws on their count (bookings hold them).
  {
    name: 'Themed cake',
    description: 'A themed cake for up to 30 guests.',
    translated: { name: 'Pastel temático', description: 'Un pastel temático para hasta 30 invitados.' },
    priceMinor: 350000,
    stock: { code: 'XPL-CAKE', onHand: 8, lowStockThreshold: 2 },
  },
  { name: 'Decorations', description: 'Balloons, garland and table decoration in the room’s theme.', translated: { name: 'Decoración', description: 'Globos, guirnaldas y decoración de mesas con la temática del salón.' }, priceMinor: 250000 },
  { name: 'Extra hour', description: 'One more hour in the room and on the playground.', translated: { name: 'Hora extra', description: 'Una hora más en el salón y en el parque.' }, priceMinor: 600000, extraMinutes: 60 },
  { name: 'Pizza menu', description: 'Pizza and a drink for every guest.', translated: { name: 'Menú de pizza', description: 'Pizza y bebida para cada invitado.' }, priceMinor: 45000, pricing: 'per_guest' },
];

const xplorium: DemoCatalog = {
  businessHours: { ...every([{ start: '12:00', end: '21:00' }], [1, 2, 3, 4, 5]), ...every([{ start: '10:00', end: '21:00' }], [6, 7]) },
  resources: [
    {
      key: 'jungle',
      kind: 'room',
      name: 'Party Room Jungle',
      description: 'Jungle-themed party room with a climbing wall, tables for 40 and a sound system.',
      details: { maxGuests: 40, theme: 'Jungle', tables: 6 },
      photos: ['https://images.example/xplorium/party-room-jungle.jpg'],
    },
    {
      key: 'space',
      kind: 'room',
      name: 'Party Room Space',
      description: 'Space-themed party room with a planetarium ceiling and a projector.',
      details: { maxGuests: 40, theme: 'Space', tables: 6 },
      photos: ['https://images.example/xplorium/party-room-space.jpg'],
    },
    {
      key: 'playground',
      kind: 'space',
      name: 'Playground',
      description: 'Three-level indoor playground with slides, a ball pit and a toddler zone.',
      details: { maxChildren: 30, ageRange: '2–12' },
      photos: ['https://images.example/xplorium/playground.jpg'],
      capacity: 30,
    },
  ],
  services: [
    {
      slug: 'birthday-party-classic',
      name: 'Birthday party — Classic (2 h)',
      title: 'Two hours of play and cake',
      description: 'A private party room for two hours with a host, playground access, juice and snacks. Bring your own cake or add ours.',
      features: ['Private party room', 'Party host', 'Playground access for the children', 'Juice and snacks'],
      durationMinutes: 120,
      priceMinor: 1800000,
      ...party,
      resources: ['jungle', 'space'],
      package: {
        includedChildren: 10,
        includedAdults: 10,
        extraChildMinor: 120000,
        extraAdultMinor: 60000,
        minGuests: 5,
        maxGuests: 30,
        depositType: 'percent',
        depositValue: 30,
        balanceDueDays: 3,
        cancellationPolicy: partyPolicy,
      },
      addons: partyAddons,
    },
    {
      slug: 'birthday-party-premium',
      name: 'Birthday party — Premium (3 h)',
      title: 'Three hours, fully catered',
      description: 'Three hours in a themed party room with two hosts, a show, pizza and a themed cake included.',
      features: ['Private party room', 'Two hosts and a show', 'Pizza and themed cake', 'Goodie bags'],
      durationMinutes: 180,
      priceMinor: 2800000,
      ...party,
      resources: ['jungle', 'space'],
      package: {
        includedChildren: 15,
        includedAdults: 15,
        extraChildMinor: 150000,
        extraAdultMinor: 80000,
        minGuests: 10,
        maxGuests: 40,
        depositType: 'percent',
        depositValue: 30,
        balanceDueDays: 3,
        cancellationPolicy: partyPolicy,
      },
      addons: partyAddons.filter((a) => a.name !== 'Themed cake'),
    },
    {
      slug: 'birthday-party-mega',
      name: 'Birthday party — Mega (4 h)',
      title: 'The whole room, the whole afternoon',
      description: 'Four hours for big groups: a themed room, the playground to yourselves for the last hour, a show, a full menu and cake.',
      features: ['Private party room', 'Playground to yourselves for the last hour', 'Show and face painting', 'Full menu and cake'],
      durationMinutes: 240,
      priceMinor: 4200000,
      ...party,
      resources: ['jungle', 'space'],
      package: {
        includedChildren: 25,
        includedAdults: 15,
        extraChildMinor: 150000,
        extraAdultMinor: 80000,
        minGuests: 20,
        maxGuests: 40,
        depositType: 'fixed',
        depositValue: 1500000,
        balanceDueDays: 7,
        cancellationPolicy: [
          { minNoticeHours: 720, refundPercent: 100 },
          { minNoticeHours: 336, refundPercent: 50 },
        ],
      },
      addons: partyAddons.filter((a) => a.name === 'Decorations' || a.name === 'Extra hour'),
    },
    {
      slug: 'open-play-session',
      name: 'Open play session',
      description: 'Two hours on the playground. Parents stay with their children; socks required.',
      features: ['Supervised playground', 'Café for parents'],
      durationMinutes: 120,
      slotIntervalMinutes: 60,
      minNoticeMinutes: 0,
      maxAdvanceDays: 30,
      cancellationNoticeMinutes: 120,
      priceMinor: 80000,
      capacity: 30,
      customFields: [{ key: 'child_age', label: "Child's age", type: 'number', required: true }],
      resources: ['playground'],
    },
  ],
};

export const demoCatalogs: Record<string, DemoCatalog> = {
  'one-detail-at-a-time': oneDetailAtATime,
  'bella-salon': bellaSalon,
  reservepty,
  xplorium,
  // bookline-shop sells products: no bookable services.
};

function hourRows(organizationId: string, resourceId: string | null, week: DemoWeek) {
  return Object.entries(week).flatMap(([weekday, ranges]) =>
    (ranges ?? []).map((r) => ({ id: newId('workingHours'), organizationId, resourceId, weekday: Number(weekday), startTime: `${r.start}:00`, endTime: `${r.end}:00` })),
  );
}

/** Inserts `slug`'s demo catalog. `userIds` maps demo emails to user ids. Returns counts for the audit row. */
export async function seedCatalog(
  tx: Tx,
  organizationId: string,
  slug: string,
  currency: string,
  userIds: ReadonlyMap<string, string>,
  now: Date,
  timezone: string,
  /** The organization's language: add-on translations go to the other one. */
  locale = 'en',
): Promise<{ services: number; resources: number } | null> {
  const contentLanguage = locale.toLowerCase().startsWith('es') ? 'es' : 'en';
  const catalog = demoCatalogs[slug];
  if (!catalog) return null;
  const translated = demoTranslations[slug] ?? { services: {}, resources: {} };
  // A translation for a service or resource the catalog does not have is a typo in the seed.
  for (const key of Object.keys(translated.services)) if (!catalog.services.some((s) => s.slug === key)) throw new Error(`demo translations: ${slug} has no service ${key}`);
  for (const key of Object.keys(translated.resources)) if (!catalog.resources.some((r) => r.key === key)) throw new Error(`demo translations: ${slug} has no resource ${key}`);
  const resourceIds = new Map(catalog.resources.map((r) => [r.key, newId('resource')]));
  const hours = hourRows(organizationId, null, catalog.businessHours);

  await tx.insert(resources).values(
    catalog.resources.map(({ key, userEmail, hours: own, maintenance: _maintenance, ...r }, i) => {
      if (own) hours.push(...hourRows(organizationId, resourceIds.get(key)!, own));
      return {
        ...r,
        id: resourceIds.get(key)!,
        organizationId,
        userId: userEmail ? (userIds.get(userEmail) ?? null) : null,
        multiDay: r.multiDay ?? null,
        section: r.section ?? null,
        translations: translated.resources[key] ?? {},
        sortOrder: i,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  await tx.insert(workingHours).values(hours);

  // Maintenance windows, placed around today in the organization's zone.
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const at = (day: number, time: string) => {
    const [h, m] = time.split(':').map(Number);
    return today.plus({ days: day }).set({ hour: h, minute: m }).toJSDate();
  };
  const windows = catalog.resources.flatMap((r) =>
    r.maintenance
      ? [
          {
            id: newId('blackout'),
            organizationId,
            resourceId: resourceIds.get(r.key)!,
            startsAt: at(r.maintenance.fromDay, r.maintenance.from),
            endsAt: at(r.maintenance.toDay, r.maintenance.to),
            kind: 'maintenance' as const,
            reason: r.maintenance.reason,
            translations: { es: { reason: r.maintenance.es } },
            createdAt: now,
          },
        ]
      : [],
  );
  if (windows.length > 0) await tx.insert(blackouts).values(windows);

  const links: { organizationId: string; serviceId: string; resourceId: string }[] = [];
  const packageRows: (typeof servicePackages.$inferInsert)[] = [];
  const addonRows: (typeof serviceAddons.$inferInsert)[] = [];
  const stockByCode = new Map<string, { id: string; code: string; onHand: number; lowStockThreshold: number }>();
  // The translation of an add-on goes to the other content language than the organization writes in.
  const otherLang = contentLanguage === 'es' ? 'en' : 'es';
  await tx.insert(services).values(
    catalog.services.map(({ resources: keys, package: pkg, addons, ...s }, i) => {
      const id = newId('service');
      for (const key of keys) links.push({ organizationId, serviceId: id, resourceId: resourceIds.get(key)! });
      if (pkg) packageRows.push({ organizationId, serviceId: id, ...pkg, createdAt: now, updatedAt: now });
      (addons ?? []).forEach(({ translated: t, stock, ...a }, position) => {
        let stockItemId: string | null = null;
        if (stock) {
          stockItemId = stockByCode.get(stock.code)?.id ?? newId('stockItem');
          stockByCode.set(stock.code, { id: stockItemId, ...stock });
        }
        addonRows.push({ id: newId('serviceAddon'), organizationId, serviceId: id, description: '', ...a, stockItemId, translations: { [otherLang]: t }, position, createdAt: now, updatedAt: now });
      });
      return { ...s, id, organizationId, currency, sortOrder: i, translations: translated.services[s.slug] ?? {}, createdAt: now, updatedAt: now };
    }),
  );
  await tx.insert(serviceResources).values(links);
  if (packageRows.length > 0) await tx.insert(servicePackages).values(packageRows);
  if (stockByCode.size > 0) await tx.insert(stockItems).values([...stockByCode.values()].map((st) => ({ ...st, organizationId, createdAt: now, updatedAt: now })));
  if (addonRows.length > 0) await tx.insert(serviceAddons).values(addonRows);
  return { services: catalog.services.length, resources: catalog.resources.length };
}

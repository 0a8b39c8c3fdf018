/**
 * Xplorium's events, through the events and orders modules' own use cases: three upcoming
 * published events on the Playground, in English with Spanish texts, two or three ticket types
 * each, and tickets sold as guests buy them (cart → digital checkout → paid), so the figures are
 * real orders: the magic show is nearly sold out (2 seats left), the others have a few sales.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox, resources } from '@/db/schema';
import { createEvent, createTicketType, eventSchemas } from '@/modules/events';
import { type Ctx, noRequest, tenantTx } from '@/modules/kernel';
import { addCartLine, type CartKey, checkout, orderSchemas, transitionOrder } from '@/modules/orders';
import { findTenantBySlug } from '@/modules/organizations';

const VENUE = 'xplorium';
const DAY = 86_400_000;

interface PlannedEvent {
  slug: string;
  title: string;
  description: string;
  ageNotes: string;
  es: { title: string; description: string; ageNotes: string };
  /** Days after the seed runs, at 17:00 UTC (18:00 in Belgrade), lasting `hours`. */
  inDays: number;
  hours: number;
  capacity: number;
  types: { name: string; es: string; priceMinor: number; limit?: number }[];
  /** Guest orders: [type index, quantity][] per order. */
  sales: { buyer: { email: string; name: string }; lines: [number, number][]; locale: 'en' | 'es' }[];
}

const planned: PlannedEvent[] = [
  {
    slug: 'magic-show',
    title: 'Magic show with Marko the Magnificent',
    description: 'An hour of card tricks, disappearing rabbits and a little science behind the illusions. Children may volunteer on stage.',
    ageNotes: 'Ages 4 and up; children under 8 come with an adult.',
    es: {
      title: 'Show de magia con Marko el Magnífico',
      description: 'Una hora de trucos con cartas, conejos que desaparecen y un poco de ciencia detrás de las ilusiones. Los niños pueden subir al escenario.',
      ageNotes: 'Desde 4 años; menores de 8 con un adulto.',
    },
    inDays: 5,
    hours: 1,
    capacity: 12,
    types: [
      { name: 'Child', es: 'Niño', priceMinor: 80_000 },
      { name: 'Adult', es: 'Adulto', priceMinor: 50_000 },
    ],
    sales: [
      { buyer: { email: 'jelena.markovic@example.com', name: 'Jelena Marković' }, lines: [[0, 2], [1, 1]], locale: 'en' },
      { buyer: { email: 'lucia.fernandez@example.com', name: 'Lucía Fernández' }, lines: [[0, 3], [1, 2]], locale: 'es' },
      { buyer: { email: 'stefan.ilic@example.com', name: 'Stefan Ilić' }, lines: [[0, 1], [1, 1]], locale: 'en' },
    ],
  },
  {
    slug: 'science-night',
    title: 'Family science night',
    description: 'Slime, volcanoes and a rocket launch in the Playground: hands-on experiments for the whole family, with a snack break.',
    ageNotes: 'Ages 6 to 12; one adult per family.',
    es: {
      title: 'Noche de ciencia en familia',
      description: 'Slime, volcanes y un lanzamiento de cohete en el Playground: experimentos para toda la familia, con merienda.',
      ageNotes: 'De 6 a 12 años; un adulto por familia.',
    },
    inDays: 12,
    hours: 2,
    capacity: 30,
    types: [
      { name: 'Child', es: 'Niño', priceMinor: 120_000 },
      { name: 'Adult', es: 'Adulto', priceMinor: 60_000 },
      { name: 'Family (2 + 2)', es: 'Familia (2 + 2)', priceMinor: 300_000, limit: 5 },
    ],
    sales: [{ buyer: { email: 'ana.petrovic@example.com', name: 'Ana Petrović' }, lines: [[2, 1]], locale: 'en' }],
  },
  {
    slug: 'lego-workshop',
    title: 'LEGO city builders workshop',
    description: 'Build a city together: bridges, towers and a working crane, guided by our play team. Every builder takes home a mini set.',
    ageNotes: 'Ages 7 to 12; parents wait in the café.',
    es: {
      title: 'Taller de constructores LEGO',
      description: 'Construimos una ciudad juntos: puentes, torres y una grúa que funciona, con nuestro equipo de juego. Cada constructor se lleva un mini set.',
      ageNotes: 'De 7 a 12 años; los padres esperan en la cafetería.',
    },
    inDays: 20,
    hours: 2,
    capacity: 16,
    types: [
      { name: 'Builder', es: 'Constructor', priceMinor: 150_000 },
      { name: 'Sibling builder', es: 'Hermano constructor', priceMinor: 120_000, limit: 6 },
    ],
    sales: [{ buyer: { email: 'milan.nikolic@example.com', name: 'Milan Nikolić' }, lines: [[0, 1], [1, 1]], locale: 'en' }],
  },
];

/** Seeds Xplorium's events and their sales; returns the events made (0 for other organizations). */
export async function seedDemoEvents(db: Db, slug: string, now: Date): Promise<number> {
  if (slug !== VENUE) return 0;
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new Error(`Demo events: organization ${slug} does not exist.`);
  const system: Ctx = { db, tenant, actor: { type: 'system', name: 'demo seed' }, now, request: noRequest };
  const guest: Ctx = { db, tenant: null, actor: { type: 'anonymous' }, now, request: noRequest };
  const [venue] = await tenantTx(system, (tx) => tx.select({ id: resources.id }).from(resources).where(and(eq(resources.organizationId, tenant.id), eq(resources.name, 'Playground'))));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 17);
  for (const plan of planned) {
    const startsAt = new Date(today + plan.inDays * DAY);
    const event = await createEvent(
      system,
      eventSchemas.createEventInput.parse({
        slug: plan.slug,
        title: plan.title,
        description: plan.description,
        ageNotes: plan.ageNotes,
        translations: { es: plan.es },
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + plan.hours * 3_600_000).toISOString(),
        resourceId: venue?.id ?? null,
        capacity: plan.capacity,
        status: 'published',
      }),
    );
    const types = [];
    for (const [i, t] of plan.types.entries()) {
      types.push(await createTicketType(system, event.id, eventSchemas.createTicketTypeInput.parse({ name: t.name, translations: { es: { name: t.es } }, priceMinor: t.priceMinor, limit: t.limit ?? null, position: i })));
    }
    for (const sale of plan.sales) {
      let key: CartKey = { token: null, userId: null };
      for (const [type, quantity] of sale.lines) {
        const answer = await addCartLine(guest, slug, key, { variantId: types[type]!.id, quantity });
        if (answer.newToken) key = { token: answer.newToken, userId: null };
      }
      const order = await checkout(guest, slug, key, orderSchemas.checkoutInput.parse({ contact: sale.buyer, fulfilment: 'digital', paymentProvider: 'manual', locale: sale.locale }));
      // Paid at the desk: the tickets are issued then.
      await transitionOrder(system, order.orderId, 'pay', {});
    }
  }
  // The sales are history: their messages count as delivered, nobody is emailed about them and
  // the demo's mail catcher starts empty (as the bookings' history, demo-bookings.ts).
  await tenantTx(system, (tx) => tx.update(outbox).set({ status: 'sent', sentAt: now }).where(and(eq(outbox.organizationId, tenant.id), eq(outbox.status, 'pending'))));
  return planned.length;
}

/**
 * The demo catalogs' texts in the other content language, as the businesses would write them:
 * One Detail, ReservePTY and Xplorium write in English and translate into Spanish; Bella
 * writes in Spanish and translates into English. Keyed by organization slug, then service slug
 * or resource key. What is not here shows the original (modules/catalog localize.ts).
 */
import type { ResourceTranslation, ServiceTranslation, Translations } from '@/db/schema';

interface DemoTranslations {
  services: Record<string, Translations<ServiceTranslation>>;
  resources: Record<string, Translations<ResourceTranslation>>;
}

const vehicleFieldsEs: ServiceTranslation['customFields'] = {
  vehicle_type: {
    label: 'Tipo de vehículo',
    options: ['Sedán', 'SUV', 'Camioneta pickup', 'Furgoneta', 'Cupé', 'Deportivo'],
    helpText: 'Los vehículos grandes llevan más tiempo; el precio final depende del tamaño y del estado.',
  },
  vehicle_details: { label: 'Año, marca y modelo', helpText: 'Por ejemplo: Toyota Tacoma 2019' },
  service_address: { label: '¿Adónde vamos?', helpText: 'Vamos a tu casa o trabajo en cualquier parte de San Antonio; llevamos agua y electricidad.' },
};

const es = (t: ServiceTranslation): Translations<ServiceTranslation> => ({ es: { customFields: vehicleFieldsEs, ...t } });

export const demoTranslations: Record<string, DemoTranslations> = {
  'one-detail-at-a-time': {
    services: {
      'full-detail': es({
        name: 'Detallado completo',
        title: 'Acabado de exposición, por dentro y por fuera',
        description:
          'Nuestro paquete completo: detallado interior a fondo y exterior a mano, con descontaminación con barra de arcilla y seis meses de protección con sellador de pintura.',
        features: [
          'Prelavado con espuma y lavado a mano con dos cubos',
          'Descontaminación con barra de arcilla',
          'Sellador de pintura (6 meses)',
          'Aspirado completo y limpieza interior con vapor',
          'Cuero limpiado e hidratado',
          'Cristales sin marcas por dentro y por fuera',
        ],
        benefits: ['Devuelve el aspecto y la sensación de coche nuevo', 'Protege la pintura del sol y la suciedad de Texas', 'Aumenta el valor de reventa'],
        processSteps: [
          { title: 'Inspección alrededor del coche', description: 'Revisamos contigo las zonas problemáticas antes de empezar.' },
          { title: 'Lavado exterior y descontaminación', description: 'Espuma, lavado a mano, removedor de hierro y barra de arcilla.' },
          { title: 'Limpieza interior a fondo', description: 'Aspirado, vapor, champú y cuidado del cuero.' },
          { title: 'Protección', description: 'Sellador de pintura, abrillantador de neumáticos y tratamiento de cristales.' },
          { title: 'Inspección final', description: 'Revisamos el coche contigo antes de devolverte las llaves.' },
        ],
      }),
      'interior-detail': es({
        name: 'Detallado interior',
        title: 'Un habitáculo que se siente nuevo',
        description: 'Limpieza profunda de cada superficie interior: alfombras y tapetes con champú, asientos al vapor o cuero hidratado, rejillas, consolas y marcos de puertas detallados.',
        features: ['Aspirado a fondo, maletero incluido', 'Champú y extracción de alfombras y tapetes', 'Limpieza con vapor de asientos y superficies', 'Cuero limpiado e hidratado', 'Protección UV del salpicadero y molduras'],
        benefits: ['Elimina manchas, alérgenos y olores', 'Evita que plásticos y cuero se agrieten'],
      }),
      'exterior-detail': es({
        name: 'Detallado exterior',
        title: 'Brillo profundo y protección',
        description: 'Lavado a mano, descontaminación, llantas y neumáticos, restauración de molduras y sellador de pintura para un brillo duradero.',
      }),
      'ceramic-coating': es({
        name: 'Recubrimiento cerámico',
        title: 'Años de protección, no meses',
        description: 'Recubrimiento cerámico profesional adherido a la pintura tras un pulido en un paso. Hidrofóbico, resistente a químicos y fácil de mantener limpio hasta cinco años.',
      }),
      'paint-correction': es({ name: 'Corrección de pintura', title: 'Remolinos y arañazos, pulidos' }),
      'engine-bay-cleaning': es({ name: 'Limpieza del motor', description: 'Desengrasado seguro y acondicionado del compartimento del motor, con la electrónica cubierta.' }),
      'headlight-restoration': es({ name: 'Restauración de faros', description: 'Lijado al agua y pulido de faros amarillentos, sellados con protección UV.' }),
      'pet-hair-removal': es({ name: 'Eliminación de pelo de mascotas', description: 'Tiempo y herramientas extra para levantar el pelo de mascota incrustado en alfombras y asientos.' }),
      'odor-elimination': es({ name: 'Eliminación de olores', description: 'Tratamiento con ozono que neutraliza olores de tabaco, comida y mascotas desde su origen.' }),
    },
    resources: {
      jordan: { es: { description: 'Detallador principal. Certificado por la IDA, ocho años en corrección de pintura y recubrimientos cerámicos.' } },
      luis: { es: { description: 'Detallador especializado en interiores: tapicería, cuero y tratamiento de olores.' } },
    },
  },
  'bella-salon': {
    services: {
      'corte-de-pelo': { en: { name: 'Haircut', description: 'Wash, tailored cut and styling.', features: ['Hair diagnosis', 'Wash with scalp massage', 'Cut and styling'] } },
      color: { en: { name: 'Colour', description: 'Full colour from root to tip with ammonia-free products.', features: ['Allergy test beforehand', 'Ammonia-free colour', 'Protective treatment'] } },
      mechas: { en: { name: 'Highlights', description: 'Freehand highlights, balayage or babylights, toner included.', features: ['Balayage or foils', 'Toner and treatment'] } },
      'tratamiento-facial': { en: { name: 'Facial', description: 'Deep cleansing, exfoliation, mask and moisturising for your skin type.', features: ['Skin analysis', 'Cleansing and extraction', 'Mask and facial massage'] } },
      manicura: { en: { name: 'Manicure', description: 'Filing, cuticles, moisturising and classic or gel polish.' } },
      pedicura: { en: { name: 'Pedicure', description: 'Full pedicure with exfoliation and polish.' } },
      'arreglo-de-barba': { en: { name: 'Beard trim', description: 'Razor shaping, hot towel and oil.' } },
    },
    resources: {
      sofia: { en: { description: 'Stylist and colourist: cuts, colour and balayage highlights.' } },
      lucia: { en: { description: 'Beautician: facials, manicures and pedicures.' } },
      daniel: { en: { description: 'Hairdresser and barber: men’s cuts, beards and colour.' } },
    },
  },
  reservepty: {
    services: {
      'flight-hourly': {
        es: {
          name: 'Vuelo (por hora)',
          title: 'Vuelo privado, facturado por hora de vuelo',
          description: 'Reserva una aeronave del club con tripulación. Reserva las horas bloque que necesites; un gestor aprueba cada solicitud de vuelo y confirma la tripulación.',
          features: ['Dos pilotos', 'Catering a pedido', 'Atención FBO en Albrook'],
          customFields: { destination: { label: 'Destino' }, passengers: { label: 'Pasajeros' } },
        },
      },
      'helicopter-transfer': {
        es: {
          name: 'Traslado en helicóptero',
          description: 'Traslado punto a punto en helicóptero con piloto; lo aprueba un gestor.',
          customFields: { pickup: { label: 'Punto de recogida' }, destination: { label: 'Destino' }, passengers: { label: 'Pasajeros' } },
        },
      },
      'residence-stay': {
        es: {
          name: 'Estancia en residencia',
          title: 'Noches en una residencia del club',
          description: 'Alójate en una de las casas del club con limpieza incluida. Entrada desde las 15:00, salida antes de las 11:00, de 2 a 14 noches.',
          features: ['Limpieza diaria', 'Cesta de bienvenida', 'Traslado al aeropuerto a pedido'],
          customFields: { guests: { label: 'Huéspedes' } },
        },
      },
      'yacht-day-charter': {
        es: {
          name: 'Día de yate',
          description: 'Un día en el Azimut 55 con capitán y tripulación: Taboga, Las Perlas o Contadora.',
          features: ['Capitán y marinero', 'Equipo de esnórquel y tablas de remo', 'Almuerzo a bordo'],
          customFields: { guests: { label: 'Invitados' } },
        },
      },
    },
    resources: {
      cj3: { es: { description: 'Jet ligero para vuelos regionales: de Ciudad de Panamá a Bogotá, San José o Medellín sin escalas.' } },
      pc12: { es: { description: 'Turbohélice que aterriza en pistas cortas de islas y del interior: Contadora, Bocas del Toro, Pedasí.' } },
      bell407: { es: { description: 'Helicóptero de seis plazas para traslados a las islas, el canal y el interior.' } },
      pedasi: { es: { name: 'Casa de playa en Pedasí', description: 'Casa frente al mar en Playa El Toro, con piscina, personal y a un paseo del pueblo.' } },
      boquete: { es: { name: 'Lodge de montaña en Boquete', description: 'Lodge en una finca de café en las tierras altas de Chiriquí, con chimenea y vistas al Volcán Barú.' } },
      azimut: { es: { name: 'Yate Azimut 55', description: 'Yate flybridge con capitán y tripulación, en Flamenco Marina, para las Islas de las Perlas y Taboga.' } },
    },
  },
  xplorium: {
    services: {
      'birthday-party-classic': {
        es: {
          name: 'Fiesta de cumpleaños — Clásica (2 h)',
          title: 'Dos horas de juego y pastel',
          description: 'Un salón de fiestas privado por dos horas con anfitrión, acceso al parque, jugos y bocadillos. Trae tu pastel o añade el nuestro.',
          features: ['Salón de fiestas privado', 'Anfitrión de la fiesta', 'Acceso al parque para los niños', 'Jugos y bocadillos'],
          customFields: { child_name: { label: 'Nombre del cumpleañero' }, child_age: { label: 'Edad que cumple' } },
        },
      },
      'birthday-party-premium': {
        es: {
          name: 'Fiesta de cumpleaños — Premium (3 h)',
          title: 'Tres horas, con todo incluido',
          description: 'Tres horas en un salón temático con dos anfitriones, un show, pizza y pastel temático incluidos.',
          features: ['Salón de fiestas privado', 'Dos anfitriones y un show', 'Pizza y pastel temático', 'Bolsitas de regalo'],
          customFields: { child_name: { label: 'Nombre del cumpleañero' }, child_age: { label: 'Edad que cumple' } },
        },
      },
      'birthday-party-mega': {
        es: {
          name: 'Fiesta de cumpleaños — Mega (4 h)',
          title: 'Todo el salón, toda la tarde',
          description: 'Cuatro horas para grupos grandes: salón temático, parque en exclusiva la última hora, show, menú completo y pastel.',
          features: ['Salón de fiestas privado', 'Parque en exclusiva la última hora', 'Show y pintacaras', 'Menú completo y pastel'],
          customFields: { child_name: { label: 'Nombre del cumpleañero' }, child_age: { label: 'Edad que cumple' } },
        },
      },
      'open-play-session': { es: { name: 'Sesión de juego libre', customFields: { child_age: { label: 'Edad del niño o la niña' } } } },
    },
    resources: {
      jungle: { es: { name: 'Salón Jungla', description: 'Salón de fiestas temático de jungla con muro de escalada, mesas para 40 y equipo de sonido.' } },
      space: { es: { name: 'Salón Espacio', description: 'Salón de fiestas temático del espacio con techo de planetario y proyector.' } },
      playground: { es: { name: 'Parque infantil', description: 'Parque interior de tres niveles con toboganes, piscina de bolas y zona para los más pequeños.' } },
    },
  },
};

/**
 * Bookline Shop's catalog (issue #15.9): car-care and home goods in a two-level category tree,
 * English texts with Spanish translations, variants (sizes, colours, packs) and stock,
 * including a nearly sold-out featured item (2 left). Written as plain rows inside the
 * organization's seed transaction; tests parse every entry with the products module's input
 * schemas, so the demo obeys the API's rules.
 *
 * Slugs and SKUs other modules' demo data and tests rely on (keep them):
 *  - ph-neutral-car-shampoo: 500 ml $12.00 (SHAMPOO-500) and 1 L $19.00 (SHAMPOO-1L), own stock each;
 *  - microfiber-towel: single $4.00 (TOWEL-1) and 3-pack $10.00 (TOWEL-3) sharing one stock item, the pack takes 3;
 *  - ceramic-coating-kit: $89.00 (CERAMIC-KIT), featured;
 *  - limited-edition-detailing-bag: $45.00 (BAG-LTD), 2 on hand, featured.
 */
import type { Tx } from '@/db/client';
import { productCategories, products, productVariants, stockItems } from '@/db/schema';
import { newId } from '@/lib/ids';

export interface DemoCategory {
  slug: string;
  name: string;
  es: string;
  parent?: string;
}

export interface DemoVariant {
  sku: string;
  title: string;
  es?: string;
  options?: Record<string, string>;
  priceMinor: number;
  compareAtMinor?: number;
  onHand: number;
  lowStockThreshold?: number;
  /** Draw on the stock item of this SKU (declared before, in the same product), `units` each. */
  shareWith?: string;
  units?: number;
}

export interface DemoProduct {
  slug: string;
  category: string;
  title: string;
  es: string;
  description: string;
  esDescription: string;
  tags: string[];
  featured?: boolean;
  variants: DemoVariant[];
}

export const demoProductCategories: DemoCategory[] = [
  { slug: 'car-care', name: 'Car care', es: 'Cuidado del auto' },
  { slug: 'washing', name: 'Washing', es: 'Lavado', parent: 'car-care' },
  { slug: 'protection', name: 'Protection', es: 'Protección', parent: 'car-care' },
  { slug: 'interior', name: 'Interior', es: 'Interior', parent: 'car-care' },
  { slug: 'tools', name: 'Tools & accessories', es: 'Herramientas y accesorios', parent: 'car-care' },
  { slug: 'home', name: 'Home', es: 'Hogar' },
  { slug: 'home-cleaning', name: 'Cleaning', es: 'Limpieza', parent: 'home' },
  { slug: 'kitchen', name: 'Kitchen', es: 'Cocina', parent: 'home' },
  { slug: 'laundry', name: 'Laundry', es: 'Lavandería', parent: 'home' },
];

const one = (sku: string, priceMinor: number, onHand: number, extra: Partial<DemoVariant> = {}): DemoVariant[] => [{ sku, title: 'Standard', es: 'Estándar', priceMinor, onHand, ...extra }];
const sizes = (base: string, list: [string, string, number, number][]): DemoVariant[] =>
  list.map(([suffix, size, priceMinor, onHand]) => ({ sku: `${base}-${suffix}`, title: size, options: { size }, priceMinor, onHand }));

export const demoProducts: DemoProduct[] = [
  // Washing
  {
    slug: 'ph-neutral-car-shampoo',
    category: 'washing',
    title: 'pH Neutral Car Shampoo',
    es: 'Champú para auto de pH neutro',
    description: 'A thick, pH-neutral foam that lifts dirt without stripping wax or sealant. Safe on ceramic coatings.',
    esDescription: 'Espuma densa de pH neutro que levanta la suciedad sin quitar la cera ni el sellador. Segura sobre recubrimientos cerámicos.',
    tags: ['wash', 'shampoo', 'foam'],
    featured: true,
    variants: [
      { sku: 'SHAMPOO-500', title: '500 ml', options: { size: '500 ml' }, priceMinor: 1200, onHand: 60 },
      { sku: 'SHAMPOO-1L', title: '1 L', options: { size: '1 L' }, priceMinor: 1900, compareAtMinor: 2200, onHand: 35 },
    ],
  },
  {
    slug: 'snow-foam-concentrate',
    category: 'washing',
    title: 'Snow Foam Concentrate',
    es: 'Concentrado de espuma activa',
    description: 'Pre-wash foam for a foam cannon: loosens grit before the contact wash.',
    esDescription: 'Espuma de prelavado para cañón de espuma: afloja la arenilla antes del lavado de contacto.',
    tags: ['wash', 'foam', 'pre-wash'],
    variants: sizes('SNOWFOAM', [
      ['1L', '1 L', 1600, 40],
      ['5L', '5 L', 5900, 12],
    ]),
  },
  {
    slug: 'wheel-cleaner',
    category: 'washing',
    title: 'Iron-Removing Wheel Cleaner',
    es: 'Limpiador de llantas desferrizante',
    description: 'Turns purple as it dissolves brake dust. Acid-free.',
    esDescription: 'Se vuelve morado al disolver el polvo de freno. Sin ácidos.',
    tags: ['wash', 'wheels'],
    variants: one('WHEEL-500', 1450, 48),
  },
  {
    slug: 'bug-and-tar-remover',
    category: 'washing',
    title: 'Bug & Tar Remover',
    es: 'Removedor de insectos y alquitrán',
    description: 'Softens bug splatter and road tar so they rinse away.',
    esDescription: 'Ablanda restos de insectos y alquitrán para que se enjuaguen.',
    tags: ['wash'],
    variants: one('BUGTAR-500', 1100, 30),
  },
  {
    slug: 'waterless-wash',
    category: 'washing',
    title: 'Waterless Wash & Shine',
    es: 'Lavado sin agua y brillo',
    description: 'Spray, wipe, done: for light dust between washes.',
    esDescription: 'Rocía, limpia y listo: para polvo ligero entre lavados.',
    tags: ['wash', 'quick'],
    variants: one('WATERLESS-750', 1500, 25),
  },
  {
    slug: 'clay-bar-kit',
    category: 'washing',
    title: 'Clay Bar Kit',
    es: 'Kit de barra de arcilla',
    description: 'Two clay bars and lubricant to pull bonded contamination from paint.',
    esDescription: 'Dos barras de arcilla y lubricante para retirar contaminación adherida a la pintura.',
    tags: ['decontamination', 'clay'],
    variants: one('CLAY-KIT', 2400, 18),
  },
  // Protection
  {
    slug: 'ceramic-coating-kit',
    category: 'protection',
    title: 'Ceramic Coating Kit',
    es: 'Kit de recubrimiento cerámico',
    description: 'Nine months of gloss and water beading in one bottle, with applicator and towels.',
    esDescription: 'Nueve meses de brillo y repelencia al agua en una botella, con aplicador y toallas.',
    tags: ['protect', 'ceramic', 'coating'],
    featured: true,
    variants: one('CERAMIC-KIT', 8900, 14),
  },
  {
    slug: 'carnauba-paste-wax',
    category: 'protection',
    title: 'Carnauba Paste Wax',
    es: 'Cera en pasta de carnauba',
    description: 'Warm, deep gloss from Brazilian carnauba. Lasts about two months.',
    esDescription: 'Brillo cálido y profundo de carnauba brasileña. Dura unos dos meses.',
    tags: ['protect', 'wax'],
    variants: one('WAX-PASTE', 3200, 22),
  },
  {
    slug: 'spray-sealant',
    category: 'protection',
    title: 'Quick Spray Sealant',
    es: 'Sellador en spray rápido',
    description: 'Spray on, wipe off: slick protection in ten minutes.',
    esDescription: 'Rocía y retira: protección resbaladiza en diez minutos.',
    tags: ['protect', 'sealant', 'quick'],
    variants: one('SEALANT-500', 2100, 40),
  },
  {
    slug: 'tire-shine-gel',
    category: 'protection',
    title: 'Tire Shine Gel',
    es: 'Gel abrillantador de neumáticos',
    description: 'Satin black tires that do not sling.',
    esDescription: 'Neumáticos negro satinado que no salpican.',
    tags: ['protect', 'tires'],
    variants: one('TIRE-GEL', 1300, 50),
  },
  {
    slug: 'glass-sealant',
    category: 'protection',
    title: 'Rain-Repellent Glass Sealant',
    es: 'Sellador repelente de lluvia para vidrios',
    description: 'Rain beads and flies off the windshield above 40 mph.',
    esDescription: 'La lluvia forma gotas y sale del parabrisas a más de 60 km/h.',
    tags: ['protect', 'glass'],
    variants: one('GLASS-SEAL', 1700, 26),
  },
  {
    slug: 'trim-restorer',
    category: 'protection',
    title: 'Plastic Trim Restorer',
    es: 'Restaurador de plásticos exteriores',
    description: 'Brings faded black trim back to deep black for months.',
    esDescription: 'Devuelve el negro profundo a los plásticos descoloridos durante meses.',
    tags: ['protect', 'trim'],
    variants: one('TRIM-250', 1900, 3, { lowStockThreshold: 5 }),
  },
  // Interior
  {
    slug: 'interior-cleaner',
    category: 'interior',
    title: 'All-Surface Interior Cleaner',
    es: 'Limpiador interior multisuperficie',
    description: 'Dashboards, door panels and vinyl: cleans without gloss or residue.',
    esDescription: 'Tableros, paneles y vinilo: limpia sin brillo ni residuos.',
    tags: ['interior', 'cleaner'],
    variants: sizes('INTCLEAN', [
      ['500', '500 ml', 1300, 44],
      ['1L', '1 L', 2000, 20],
    ]),
  },
  {
    slug: 'leather-conditioner',
    category: 'interior',
    title: 'Leather Cleaner & Conditioner',
    es: 'Limpiador y acondicionador de cuero',
    description: 'Cleans and feeds leather seats; matte, non-greasy finish.',
    esDescription: 'Limpia y nutre asientos de cuero; acabado mate, sin grasa.',
    tags: ['interior', 'leather'],
    variants: one('LEATHER-250', 2200, 16),
  },
  {
    slug: 'upholstery-shampoo',
    category: 'interior',
    title: 'Upholstery & Carpet Shampoo',
    es: 'Champú para tapicería y alfombras',
    description: 'Lifts coffee, mud and everyday stains from fabric seats and mats.',
    esDescription: 'Quita manchas de café, barro y del día a día de asientos de tela y alfombras.',
    tags: ['interior', 'shampoo', 'fabric'],
    variants: one('UPHOL-500', 1600, 28),
  },
  {
    slug: 'odor-eliminator',
    category: 'interior',
    title: 'Odor Eliminator',
    es: 'Eliminador de olores',
    description: 'Neutralises smoke, pet and food odours instead of masking them.',
    esDescription: 'Neutraliza olores de humo, mascotas y comida en lugar de taparlos.',
    tags: ['interior', 'odor'],
    variants: sizes('ODOR', [
      ['NEUTRAL', 'Unscented', 1200, 30],
      ['CITRUS', 'Citrus', 1200, 18],
    ]).map((v) => ({ ...v, options: { scent: v.title } })),
  },
  {
    slug: 'interior-detail-brushes',
    category: 'interior',
    title: 'Interior Detail Brush Set',
    es: 'Juego de cepillos para detallado interior',
    description: 'Three soft boar-hair brushes for vents, seams and buttons.',
    esDescription: 'Tres cepillos suaves de pelo de jabalí para rejillas, costuras y botones.',
    tags: ['interior', 'brushes', 'tools'],
    variants: one('BRUSH-INT-3', 1800, 24),
  },
  // Tools & accessories
  {
    slug: 'microfiber-towel',
    category: 'tools',
    title: 'Microfiber Towel',
    es: 'Toalla de microfibra',
    description: 'Plush 500 gsm edgeless towel for drying and buffing. The 3-pack comes from the same shelf.',
    esDescription: 'Toalla sin bordes de 500 g/m² para secar y pulir. El paquete de 3 sale del mismo estante.',
    tags: ['towels', 'microfiber', 'drying'],
    variants: [
      { sku: 'TOWEL-1', title: 'Single', es: 'Unidad', options: { pack: '1' }, priceMinor: 400, onHand: 90 },
      { sku: 'TOWEL-3', title: '3-pack', es: 'Paquete de 3', options: { pack: '3' }, priceMinor: 1000, onHand: 0, shareWith: 'TOWEL-1', units: 3 },
    ],
  },
  {
    slug: 'limited-edition-detailing-bag',
    category: 'tools',
    title: 'Limited Edition Detailing Bag',
    es: 'Bolso de detallado edición limitada',
    description: 'Waxed canvas bag with bottle loops and a towel pocket. Numbered run; almost gone.',
    esDescription: 'Bolso de lona encerada con presillas para botellas y bolsillo para toallas. Serie numerada; casi agotado.',
    tags: ['bag', 'limited', 'gift'],
    featured: true,
    variants: one('BAG-LTD', 4500, 2, { lowStockThreshold: 5 }),
  },
  {
    slug: 'wash-mitt',
    category: 'tools',
    title: 'Chenille Wash Mitt',
    es: 'Guante de lavado de chenilla',
    description: 'Deep chenille fingers hold suds and pull grit away from the paint.',
    esDescription: 'Fibras de chenilla profundas que retienen la espuma y alejan la arenilla de la pintura.',
    tags: ['wash', 'mitt', 'tools'],
    variants: [
      { sku: 'MITT-BLUE', title: 'Blue', es: 'Azul', options: { colour: 'Blue' }, priceMinor: 900, onHand: 40 },
      { sku: 'MITT-GREY', title: 'Grey', es: 'Gris', options: { colour: 'Grey' }, priceMinor: 900, onHand: 12 },
    ],
  },
  {
    slug: 'two-bucket-kit',
    category: 'tools',
    title: 'Two-Bucket Wash Kit',
    es: 'Kit de lavado de dos cubetas',
    description: 'Two 5-gallon buckets with grit guards and lids.',
    esDescription: 'Dos cubetas de 19 litros con separadores de arenilla y tapas.',
    tags: ['wash', 'buckets', 'tools'],
    variants: one('BUCKET-KIT', 4900, 8),
  },
  {
    slug: 'foam-cannon',
    category: 'tools',
    title: 'Foam Cannon',
    es: 'Cañón de espuma',
    description: 'Brass foam cannon for pressure washers, adjustable fan and ratio.',
    esDescription: 'Cañón de espuma de latón para hidrolavadoras, abanico y proporción ajustables.',
    tags: ['wash', 'foam', 'tools'],
    featured: true,
    variants: one('FOAM-CANNON', 3900, 15),
  },
  {
    slug: 'dual-action-polisher',
    category: 'tools',
    title: 'Dual-Action Polisher',
    es: 'Pulidora de doble acción',
    description: 'A forgiving 15 mm orbit polisher for removing swirls at home.',
    esDescription: 'Pulidora orbital de 15 mm, fácil de usar, para quitar remolinos en casa.',
    tags: ['polish', 'tools'],
    variants: one('DA-POLISHER', 16900, 5, { compareAtMinor: 19900 }),
  },
  {
    slug: 'polishing-pads',
    category: 'tools',
    title: 'Polishing Pad Set',
    es: 'Juego de almohadillas de pulido',
    description: 'Cutting, polishing and finishing foam pads.',
    esDescription: 'Almohadillas de espuma para corte, pulido y acabado.',
    tags: ['polish', 'pads'],
    variants: sizes('PADS', [
      ['5IN', '5 in', 2400, 20],
      ['6IN', '6 in', 2700, 14],
    ]),
  },
  {
    slug: 'drying-towel-xl',
    category: 'tools',
    title: 'XL Twisted-Loop Drying Towel',
    es: 'Toalla de secado XL de rizo torcido',
    description: 'Dries a whole sedan without wringing out.',
    esDescription: 'Seca un sedán entero sin escurrirla.',
    tags: ['towels', 'microfiber', 'drying'],
    variants: one('DRYTOWEL-XL', 2900, 0),
  },
  {
    slug: 'detailing-gift-set',
    category: 'tools',
    title: 'Detailing Gift Set',
    es: 'Set de regalo de detallado',
    description: 'Shampoo, wax, mitt and two towels in a gift box.',
    esDescription: 'Champú, cera, guante y dos toallas en caja de regalo.',
    tags: ['gift', 'kit'],
    variants: one('GIFT-SET', 5900, 10, { compareAtMinor: 6900 }),
  },
  // Home: cleaning
  {
    slug: 'all-purpose-cleaner',
    category: 'home-cleaning',
    title: 'All-Purpose Cleaner',
    es: 'Limpiador multiusos',
    description: 'Plant-based cleaner for counters, tiles and sealed wood.',
    esDescription: 'Limpiador de origen vegetal para encimeras, azulejos y madera sellada.',
    tags: ['home', 'cleaner'],
    variants: [
      { sku: 'APC-LAV', title: 'Lavender', es: 'Lavanda', options: { scent: 'Lavender' }, priceMinor: 800, onHand: 55 },
      { sku: 'APC-LEMON', title: 'Lemon', es: 'Limón', options: { scent: 'Lemon' }, priceMinor: 800, onHand: 42 },
    ],
  },
  {
    slug: 'glass-cleaner',
    category: 'home-cleaning',
    title: 'Streak-Free Glass Cleaner',
    es: 'Limpiacristales sin rayas',
    description: 'Ammonia-free: safe on tinted car windows and home mirrors alike.',
    esDescription: 'Sin amoníaco: seguro en vidrios polarizados y espejos del hogar.',
    tags: ['home', 'glass', 'cleaner'],
    variants: one('GLASSCLEAN-500', 900, 38),
  },
  {
    slug: 'microfiber-cloths-home',
    category: 'home-cleaning',
    title: 'Microfiber Cleaning Cloths',
    es: 'Paños de microfibra para el hogar',
    description: 'Colour-coded cloths: kitchen, bath, glass, dusting.',
    esDescription: 'Paños por colores: cocina, baño, vidrios, polvo.',
    tags: ['home', 'microfiber', 'towels'],
    variants: one('CLOTHS-12', 1500, 33),
  },
  {
    slug: 'scrub-brush-set',
    category: 'home-cleaning',
    title: 'Scrub Brush Set',
    es: 'Juego de cepillos de fregar',
    description: 'Beechwood handles, stiff and soft bristles.',
    esDescription: 'Mangos de haya, cerdas duras y suaves.',
    tags: ['home', 'brushes'],
    variants: one('SCRUB-SET', 1400, 19),
  },
  {
    slug: 'stainless-steel-polish',
    category: 'home-cleaning',
    title: 'Stainless Steel Polish',
    es: 'Abrillantador de acero inoxidable',
    description: 'Removes fingerprints and leaves a protective film.',
    esDescription: 'Quita huellas y deja una película protectora.',
    tags: ['home', 'polish'],
    variants: one('STEEL-POLISH', 1100, 21),
  },
  // Home: kitchen
  {
    slug: 'dish-soap-refill',
    category: 'kitchen',
    title: 'Dish Soap Refill',
    es: 'Recambio de jabón para platos',
    description: 'Concentrated, fragrance-free dish soap in a recyclable pouch.',
    esDescription: 'Jabón para platos concentrado, sin fragancia, en bolsa reciclable.',
    tags: ['home', 'kitchen', 'soap'],
    variants: sizes('DISHSOAP', [
      ['1L', '1 L', 900, 60],
      ['2L', '2 L', 1500, 30],
    ]),
  },
  {
    slug: 'degreaser',
    category: 'kitchen',
    title: 'Kitchen Degreaser',
    es: 'Desengrasante de cocina',
    description: 'Cuts stove-top grease; also great on engine bays.',
    esDescription: 'Elimina la grasa de la estufa; también excelente en el motor.',
    tags: ['home', 'kitchen', 'degreaser'],
    variants: one('DEGREASE-750', 1000, 27),
  },
  {
    slug: 'cutting-board-oil',
    category: 'kitchen',
    title: 'Cutting Board Oil',
    es: 'Aceite para tablas de cortar',
    description: 'Food-safe mineral oil and beeswax.',
    esDescription: 'Aceite mineral apto para alimentos y cera de abeja.',
    tags: ['home', 'kitchen', 'wood'],
    variants: one('BOARD-OIL', 1200, 15),
  },
  {
    slug: 'sponge-pack',
    category: 'kitchen',
    title: 'Non-Scratch Sponges',
    es: 'Esponjas que no rayan',
    description: 'Six sponges safe on non-stick pans.',
    esDescription: 'Seis esponjas seguras para sartenes antiadherentes.',
    tags: ['home', 'kitchen'],
    variants: one('SPONGE-6', 600, 80),
  },
  // Home: laundry
  {
    slug: 'laundry-detergent',
    category: 'laundry',
    title: 'Laundry Detergent',
    es: 'Detergente para ropa',
    description: 'Concentrated liquid detergent; safe for microfiber towels.',
    esDescription: 'Detergente líquido concentrado; seguro para toallas de microfibra.',
    tags: ['home', 'laundry', 'microfiber'],
    variants: sizes('DETERGENT', [
      ['1L', '1 L', 1400, 40],
      ['3L', '3 L', 3200, 12],
    ]),
  },
  {
    slug: 'microfiber-wash',
    category: 'laundry',
    title: 'Microfiber Restoring Wash',
    es: 'Lavado restaurador de microfibra',
    description: 'Unclogs microfiber so towels absorb and buff like new.',
    esDescription: 'Desobstruye la microfibra para que las toallas absorban y pulan como nuevas.',
    tags: ['laundry', 'microfiber', 'towels'],
    variants: one('MFWASH-500', 1500, 24),
  },
  {
    slug: 'stain-remover',
    category: 'laundry',
    title: 'Stain Remover Spray',
    es: 'Quitamanchas en spray',
    description: 'Enzyme spray for grass, wine and grease.',
    esDescription: 'Spray enzimático para césped, vino y grasa.',
    tags: ['home', 'laundry', 'stains'],
    variants: one('STAIN-500', 900, 36),
  },
  {
    slug: 'wool-dryer-balls',
    category: 'laundry',
    title: 'Wool Dryer Balls',
    es: 'Bolas de lana para secadora',
    description: 'Six balls that soften laundry and cut drying time.',
    esDescription: 'Seis bolas que suavizan la ropa y reducen el tiempo de secado.',
    tags: ['home', 'laundry'],
    variants: one('DRYERBALLS-6', 1800, 20),
  },
  {
    slug: 'garment-steamer',
    category: 'laundry',
    title: 'Handheld Garment Steamer',
    es: 'Vaporizador de prendas de mano',
    description: 'Heats in 25 seconds; removes wrinkles and freshens upholstery.',
    esDescription: 'Se calienta en 25 segundos; quita arrugas y refresca tapizados.',
    tags: ['home', 'laundry', 'steam'],
    variants: one('STEAMER', 4900, 6),
  },
];

export const DEMO_PRODUCTS_SHOP = 'bookline-shop';

/** Categories, products, variants and stock of the shop; nothing for other organizations. Returns counts for the seed's audit row. */
export async function seedProducts(tx: Tx, organizationId: string, slug: string, currency: string, now: Date) {
  if (slug !== DEMO_PRODUCTS_SHOP) return null;
  const categoryIds = new Map<string, string>();
  for (const [i, c] of demoProductCategories.entries()) {
    const id = newId('productCategory');
    categoryIds.set(c.slug, id);
    await tx.insert(productCategories).values({
      id,
      organizationId,
      parentId: c.parent ? categoryIds.get(c.parent)! : null,
      slug: c.slug,
      name: c.name,
      position: i,
      translations: { es: { name: c.es } },
      createdAt: now,
      updatedAt: now,
    });
  }
  let variantCount = 0;
  // Newest first in the shop's "newest" sort: the list's order, a minute apart.
  for (const [i, p] of demoProducts.entries()) {
    const at = new Date(now.getTime() - (demoProducts.length - i) * 60_000);
    const productId = newId('product');
    const active = p.variants.map((v) => v.priceMinor);
    await tx.insert(products).values({
      id: productId,
      organizationId,
      slug: p.slug,
      title: p.title,
      description: p.description,
      images: [],
      categoryId: categoryIds.get(p.category)!,
      tags: p.tags,
      featured: p.featured ?? false,
      status: 'active',
      currency,
      priceMinMinor: Math.min(...active),
      translations: { es: { title: p.es, description: p.esDescription } },
      searchConfig: 'english',
      createdAt: at,
      updatedAt: at,
    });
    const stockBySku = new Map<string, string>();
    for (const [position, v] of p.variants.entries()) {
      let stockItemId = v.shareWith ? stockBySku.get(v.shareWith) : undefined;
      if (v.shareWith && !stockItemId) throw new Error(`${p.slug}: ${v.sku} shares the stock of ${v.shareWith}, which is not declared before it`);
      if (!stockItemId) {
        stockItemId = newId('stockItem');
        await tx.insert(stockItems).values({ id: stockItemId, organizationId, code: v.sku, onHand: v.onHand, lowStockThreshold: v.lowStockThreshold ?? 5, createdAt: at, updatedAt: at });
      }
      stockBySku.set(v.sku, stockItemId);
      await tx.insert(productVariants).values({
        id: newId('productVariant'),
        organizationId,
        productId,
        sku: v.sku,
        title: v.title,
        options: v.options ?? {},
        priceMinor: v.priceMinor,
        compareAtMinor: v.compareAtMinor ?? null,
        stockItemId,
        unitsPerVariant: v.units ?? 1,
        position,
        active: true,
        translations: v.es ? { es: { title: v.es } } : {},
        createdAt: at,
        updatedAt: at,
      });
      variantCount++;
    }
  }
  return { productCategories: demoProductCategories.length, products: demoProducts.length, productVariants: variantCount };
}

/**
 * Translatable catalog content: an organization writes its services and resources in its own
 * language and may translate them; the public catalog answers in the language asked for, text
 * by text, falling back to the original where nothing was translated.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { catalogSchemas } from '@/modules/catalog';
import { localizeService } from '@/modules/catalog/localize';
import { demoCatalogs, demoTranslations } from '@/seed';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const api = (org: TestOrg, path: string) => `/api/v1/orgs/${org.slug}${path}`;
const pub = (org: TestOrg, path: string) => `/api/v1/public/orgs/${org.slug}${path}`;
const fieldPaths = (res: { json: any }) => (res.json?.error?.details?.fields ?? []).map((f: { path: string }) => f.path);

const vehicleType = { key: 'vehicle_type', label: 'Vehicle type', type: 'select', required: true, options: ['sedan', 'suv', 'truck'], helpText: 'Bigger takes longer.' };
const spanish = {
  es: {
    name: 'Detallado completo',
    description: 'Por dentro y por fuera.',
    features: ['Lavado a mano', ''],
    customFields: { vehicle_type: { label: 'Tipo de vehículo', options: ['Sedán', '', 'Camioneta'] } },
  },
};

async function detailShop(overrides: Record<string, unknown> = {}) {
  const org = await createOrg(h, undefined, overrides);
  const resource = await call(h, api(org, '/resources'), { cookie: org.owner.cookie, body: { kind: 'staff', name: 'Jordan', translations: { es: { description: 'Detallador principal' } } } });
  expect(resource.status).toBe(201);
  const service = await call(h, api(org, '/services'), {
    cookie: org.owner.cookie,
    body: {
      name: 'Full Detail',
      description: 'Inside and out.',
      features: ['Hand wash', 'Clay bar'],
      durationMinutes: 120,
      customFields: [vehicleType],
      resourceIds: [resource.json.id],
      translations: spanish,
    },
  });
  expect(service.status, JSON.stringify(service.json)).toBe(201);
  return { org, service: service.json, resource: resource.json };
}

describe('translated catalog content', () => {
  it('staff read and save translations; the public menu answers in the language asked for, falling back text by text', async () => {
    const { org, service } = await detailShop();
    expect(service.translations).toEqual(spanish);

    const es = await call(h, pub(org, '/services?lang=es'));
    expect(es.status).toBe(200);
    const [menu] = es.json.data;
    expect(menu).toMatchObject({ locale: 'es', name: 'Detallado completo', description: 'Por dentro y por fuera.', features: ['Lavado a mano', 'Clay bar'] });
    // The question keeps its key and option values (what is sent); labels change, blanks show the original.
    expect(menu.customFields[0]).toMatchObject({ key: 'vehicle_type', label: 'Tipo de vehículo', options: ['sedan', 'suv', 'truck'], optionLabels: ['Sedán', 'suv', 'Camioneta'], helpText: 'Bigger takes longer.' });
    expect(menu.resources[0]).toMatchObject({ name: 'Jordan', description: 'Detallador principal' });

    const one = await call(h, pub(org, `/services/${service.slug}?lang=es`));
    expect(one.json).toMatchObject({ name: 'Detallado completo', locale: 'es' });

    // No lang: the organization's own language and texts; English asked of an English business: the same.
    for (const path of ['/services', '/services?lang=en']) {
      const en = await call(h, pub(org, path));
      expect(en.json.data[0]).toMatchObject({ locale: 'en', name: 'Full Detail', features: ['Hand wash', 'Clay bar'] });
      expect(en.json.data[0].customFields[0].optionLabels).toBeUndefined();
    }
  });

  it('a Spanish-speaking business translates into English; its own Spanish is the fallback', async () => {
    const org = await createOrg(h, undefined, { locale: 'es-PA' });
    const res = await call(h, api(org, '/services'), {
      cookie: org.owner.cookie,
      body: { name: 'Corte de pelo', description: 'Lavado y corte.', durationMinutes: 45, translations: { en: { name: 'Haircut' } } },
    });
    expect(res.status).toBe(201);
    const en = await call(h, pub(org, '/services?lang=en'));
    expect(en.json.data[0]).toMatchObject({ locale: 'en', name: 'Haircut', description: 'Lavado y corte.' });
    const own = await call(h, pub(org, '/services'));
    expect(own.json.data[0]).toMatchObject({ locale: 'es', name: 'Corte de pelo' });
  });

  it('an update replaces the translations, audited; renaming a question without its translation is refused', async () => {
    const { org, service } = await detailShop();
    const next = { es: { name: 'Detallado total' } };
    const updated = await call(h, api(org, `/services/${service.id}`), { method: 'PATCH', cookie: org.owner.cookie, body: { translations: next } });
    expect(updated.status).toBe(200);
    expect(updated.json.translations).toEqual(next);
    const [audit] = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'service.updated'), eq(auditLog.entityId, service.id)));
    expect(audit?.changes).toMatchObject({ before: { translations: spanish }, after: { translations: next } });

    // The service's questions change, the Spanish still names the old key: the whole service is checked.
    const stale = await call(h, api(org, `/services/${service.id}`), {
      method: 'PATCH',
      cookie: org.owner.cookie,
      body: { customFields: [{ ...vehicleType, key: 'vehicle' }], translations: spanish },
    });
    expect(stale.status).toBe(400);
    expect(fieldPaths(stale)).toContain('translations.es.customFields.vehicle_type');
  });

  it('bad translations are 400s naming the field, never 500s', async () => {
    const { org, service } = await detailShop();
    const cases: [unknown, string][] = [
      [{ fr: { name: 'Détail' } }, 'translations'],
      [{ es: { name: 'x'.repeat(121) } }, 'translations.es.name'],
      [{ es: { colour: 'rojo' } }, 'translations.es'],
      [{ es: { customFields: { vehicle_type: { options: ['a', 'b', 'c', 'd'] } } } }, 'translations.es.customFields.vehicle_type.options'],
      [{ es: { customFields: { nope: { label: 'No' } } } }, 'translations.es.customFields.nope'],
      [{ es: { features: 'Lavado' } }, 'translations.es.features'],
      ['es', 'translations'],
    ];
    for (const [translations, path] of cases) {
      const res = await call(h, api(org, `/services/${service.id}`), { method: 'PATCH', cookie: org.owner.cookie, body: { translations } });
      expect(res.status, JSON.stringify(translations)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
      expect(fieldPaths(res).some((p: string) => p.startsWith(path)), `${JSON.stringify(translations)} → ${fieldPaths(res)}`).toBe(true);
    }
    const resource = await call(h, api(org, '/resources'), { cookie: org.owner.cookie, body: { kind: 'staff', name: 'Luis', translations: { es: { bio: 'x' } } } });
    expect(resource.status).toBe(400);
    const badLang = await call(h, pub(org, '/services?lang=xx'));
    expect(badLang.status).toBe(400);
    expect(badLang.json.error.code).toBe('VALIDATION');
  });

  it('localizeService: the same language is the original; a partial translation never blanks a text', () => {
    const base = {
      name: 'Full Detail',
      title: null,
      description: 'Inside and out.',
      features: ['Hand wash', 'Clay bar'],
      benefits: [],
      processSteps: [{ title: 'Inspect', description: 'With you' }],
      customFields: [{ key: 'v', label: 'Vehicle', type: 'select' as const, required: true, options: ['a', 'b'] }],
      translations: { es: { name: '  ', features: ['Lavado'], processSteps: [{ title: 'Inspección' }], customFields: { v: { helpText: 'Ayuda' } } } },
    };
    expect(localizeService(base, 'en', 'en-US').name).toBe('Full Detail');
    const es = localizeService(base, 'es', 'en');
    expect(es.name).toBe('Full Detail');
    expect(es.features).toEqual(['Lavado', 'Clay bar']);
    expect(es.processSteps).toEqual([{ title: 'Inspección', description: 'With you' }]);
    expect(es.customFields[0]).toMatchObject({ label: 'Vehicle', helpText: 'Ayuda' });
    expect(es.customFields[0]!.optionLabels).toBeUndefined();
  });

  it('the demo translations are valid input and name only questions their services ask', () => {
    for (const [slug, { services, resources }] of Object.entries(demoTranslations)) {
      const catalog = demoCatalogs[slug]!;
      for (const [serviceSlug, translations] of Object.entries(services)) {
        const service = catalog.services.find((s) => s.slug === serviceSlug)!;
        expect(catalogSchemas.serviceTranslationsSchema.safeParse(translations).error?.issues ?? [], `${slug} ${serviceSlug}`).toEqual([]);
        for (const t of Object.values(translations)) {
          for (const [key, field] of Object.entries(t?.customFields ?? {})) {
            const own = service.customFields?.find((f) => f.key === key);
            expect(own, `${slug} ${serviceSlug} ${key}`).toBeDefined();
            expect((field.options ?? []).length).toBeLessThanOrEqual(own!.options?.length ?? 0);
          }
        }
      }
      for (const [key, translations] of Object.entries(resources)) {
        expect(catalog.resources.some((r) => r.key === key), `${slug} ${key}`).toBe(true);
        expect(catalogSchemas.resourceTranslationsSchema.safeParse(translations).success, `${slug} ${key}`).toBe(true);
      }
    }
  });
});

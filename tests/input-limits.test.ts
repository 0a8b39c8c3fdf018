/**
 * Input hardening: every string any input schema accepts has a length limit (and every list a
 * size limit), found by walking the JSON Schema of each module's exported zod schemas, so a new
 * unbounded field fails here; plain-text fields refuse markup while free text keeps it; emails,
 * phones and dates are checked with clear messages. Also: randomness in src/ comes from
 * node:crypto only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '@/lib/clock';
import { paginationQuery } from '@/lib/pagination';
import { emailAddress, freeText, hasMarkup, hasUnstorableText, hasVisibleText, isPhoneNumber, MARKUP_MESSAGE, phoneNumber, plainText, VISIBLE_MESSAGE } from '@/lib/text';
import { demoOrganizations } from '@/seed';
import { call, createOrg, signUp } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

const root = path.resolve(import.meta.dirname, '..');
const schemaModules = import.meta.glob<Record<string, unknown>>(['/src/modules/*/schemas.ts', '/src/api/schemas.ts'], { eager: true });

/** Answers (DTOs) are named `…Dto` / `…Page` / `…Text`: they describe what we send, so no input bound applies. */
const isAnswer = (name: string) => /(Dto|Page|Text|Envelope)$/.test(name);

type JsonSchema = Record<string, unknown>;

/** Paths in a JSON Schema where a string has no maxLength or a list no maxItems. */
function unbounded(schema: JsonSchema, at = '$'): string[] {
  const out: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (!node || typeof node !== 'object') return;
    const n = node as JsonSchema;
    const types = Array.isArray(n.type) ? n.type : [n.type];
    const closed = 'enum' in n || 'const' in n;
    if (types.includes('string') && !closed && typeof n.maxLength !== 'number') out.push(`${where} (string without maxLength)`);
    if (types.includes('array') && typeof n.maxItems !== 'number' && !Array.isArray(n.prefixItems)) out.push(`${where} (array without maxItems)`);
    for (const [key, value] of Object.entries(n.properties ?? {})) visit(value, `${where}.${key}`);
    if (n.items) visit(n.items, `${where}[]`);
    if (n.additionalProperties && typeof n.additionalProperties === 'object') visit(n.additionalProperties, `${where}{}`);
    if (n.propertyNames) visit(n.propertyNames, `${where}{key}`);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      (n[key] as unknown[] | undefined)?.forEach((s, i) => visit(s, `${where}<${key}${i}>`));
    }
  };
  visit(schema, at);
  return out;
}

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

function exportedSchemas(): [string, z.ZodType][] {
  const found: [string, z.ZodType][] = [];
  for (const [file, exports] of Object.entries(schemaModules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (value instanceof z.ZodType && !isAnswer(name)) found.push([`${file}#${name}`, value]);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry) ? [full] : [];
  });
}

describe('length limits on every input schema', () => {
  it('the walker flags unbounded strings, lists and record keys', () => {
    const probe = z.object({
      a: z.string(),
      b: z.array(z.string().max(2)),
      c: z.record(z.string(), z.string().max(2)),
      d: z.enum(['x', 'y']),
      e: z.string().max(3).optional(),
      f: z.union([z.string().max(2), z.number()]),
    });
    expect(unbounded(jsonSchema(probe))).toEqual(['$.a (string without maxLength)', '$.b (array without maxItems)', '$.c{key} (string without maxLength)']);
  });

  it('finds the schemas of every module', () => {
    const files = new Set(Object.keys(schemaModules).map((f) => f.split('/')[3]));
    expect([...files].sort()).toEqual(expect.arrayContaining(['bookings', 'catalog', 'customers', 'organizations', 'scheduling']));
    expect(exportedSchemas().length).toBeGreaterThan(40);
  });

  it('bounds every string (maxLength) and every list (maxItems) in every exported schema', () => {
    const problems = exportedSchemas().flatMap(([name, schema]) => unbounded(jsonSchema(schema)).map((p) => `${name}: ${p}`));
    problems.push(...unbounded(jsonSchema(paginationQuery)).map((p) => `paginationQuery: ${p}`));
    expect(problems).toEqual([]);
  });

  it('keeps schemas in schemas.ts, where the walker sees them (no zod inside use cases or routes)', () => {
    const offenders = [...sourceFiles(path.join(root, 'src/modules')), ...sourceFiles(path.join(root, 'src/api'))]
      .filter((file) => !file.endsWith(`${path.sep}schemas.ts`))
      .filter((file) => /^import\s+(?!type\b)[^;]*from\s+'zod'/m.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
    // Route declarations take every schema from a module's schemas.ts (or src/api/schemas.ts).
    const building = sourceFiles(path.join(root, 'src/api/routes'))
      .filter((file) => /\bz\.[a-z]+\(/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(building).toEqual([]);
  });
});

describe('the text helpers', () => {
  it('tells markup from text that merely uses < & and quotes', () => {
    for (const text of ['Tom & Jerry', "O'Brien", '5 < 6', 'I <3 Mondays', 'a > b', 'AT&T', 'José Núñez-Ávila', '"Quoted" name', '<']) {
      expect(hasMarkup(text), text).toBe(false);
      expect(plainText(100).safeParse(text).success, text).toBe(true);
    }
    for (const markup of [
      '<b>bold</b>',
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      '"><svg onload=window.__xss=1>',
      'Ada <!-- hidden -->',
      '<a href="javascript:alert(1)">x</a>',
      'x</p>',
      '<?xml version="1.0"?>',
    ]) {
      expect(hasMarkup(markup), markup).toBe(true);
      const result = plainText(100).safeParse(markup);
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.message)).toContain(MARKUP_MESSAGE);
    }
  });

  it('trims plain text and refuses control characters and bidi overrides; free text keeps lines and markup', () => {
    expect(plainText(20).parse('  Ada Lovelace \n')).toBe('Ada Lovelace');
    for (const bad of ['Ada\nLovelace', 'Ada\u0000', 'Ada\u0007x', 'evil\u202Egnp.exe', 'tab\there']) {
      expect(plainText(50).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(plainText(5).safeParse('abcdef').error!.issues[0]!.message).toBe('must be at most 5 characters');
    expect(freeText(200).parse('line one\nline two\t<b>kept</b>')).toBe('line one\nline two\t<b>kept</b>');
    expect(freeText(200).safeParse('nul\u0000byte').success).toBe(false);
  });

  it('refuses plain text that renders as nothing, keeps invisible characters inside visible text, and refuses lone surrogates', () => {
    const invisible = ['\u200B', '\u200F\u200E', '\u3164', '\u2800', '\u0301\u0308', '\u115F\u1160', '\uFFA0', '\u2060\uFE0F', '\u3000\u200D', '\u034F\u00AD', '\u17B4', '\u180E', '\u{E0041}\u{E007F}'];
    for (const name of invisible) {
      expect(hasVisibleText(name), JSON.stringify(name)).toBe(false);
      const result = plainText(100).safeParse(name);
      expect(result.success, JSON.stringify(name)).toBe(false);
      expect(result.error!.issues.map((i) => i.message)).toContain(VISIBLE_MESSAGE);
    }
    for (const name of ['Ada', 'Zoe\u0308', '李雷', 'محمد\u200F', '👩\u200D👩\u200D👧', 'Ｘ', '٣', '-', '#1']) {
      expect(plainText(100).safeParse(name).success, JSON.stringify(name)).toBe(true);
    }
    // Empty stays a matter for .min(): optional fields may be blank.
    expect(plainText(100).parse('   ')).toBe('');
    for (const bad of ['a\uD800b', 'a\uDC00', '\uDBFF']) {
      expect(plainText(50).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(freeText(50).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(hasUnstorableText({ deep: [bad] })).toBe(true);
    }
    expect(hasUnstorableText({ ['k\u0000']: 'v' })).toBe(true);
    expect(hasUnstorableText({ name: '😀 \uD83D\uDE00', list: ['ok'] })).toBe(false);
  });

  it('lower-cases emails and bounds them at 254', () => {
    expect(emailAddress().parse(' Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(emailAddress().safeParse('not-an-email').success).toBe(false);
    expect(emailAddress().safeParse(`${'a'.repeat(250)}@example.com`).error!.issues[0]!.message).toMatch(/at most 254/);
  });

  it('accepts phones as people write them (including every demo seed phone) and refuses the rest', () => {
    const seedPhones = demoOrganizations.flatMap((o) => [o.contact?.phone].filter((p): p is string => !!p));
    for (const phone of ['+1 210-555-0171', '+34 612 555 101', '+507 6555-0322', '(210) 555-0171', '+1 (210) 555.0171', '2105550171', ...seedPhones]) {
      expect(isPhoneNumber(phone), phone).toBe(true);
    }
    for (const phone of ['12345', '-----', '+', 'call me', '555-CALL-NOW', '+1234567890123456', '1--2', '+1 210 555 0171 ext 4']) {
      expect(isPhoneNumber(phone), phone).toBe(false);
    }
    expect(phoneNumber().safeParse('12').error!.issues[0]!.message).toMatch(/^must be a phone number/);
  });
});

describe('the API refuses markup in plain-text fields and keeps free text as typed', () => {
  const NOW = '2026-06-01T12:00:00Z';
  const slot = '2026-06-02T10:00:00-05:00';
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ clock: fixedClock(NOW) });
  });
  afterAll(() => h.close());

  const fieldOf = (res: { json: { error: { details: { fields: { path: string; message: string }[] } } } }, p: string) =>
    res.json.error.details.fields.find((f) => f.path === p)?.message;

  it('refuses a guest name with markup (400, per field) and stores a message with markup as typed', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, {
      service: { slotIntervalMinutes: 60, customFields: [{ key: 'vehicle', label: 'Vehicle', type: 'text' }] },
    });
    const url = `/api/v1/public/orgs/${org.slug}/bookings`;
    const refused = await call(h, url, { body: { serviceId: service.id, start: slot, customer: { ...guest(), name: '<img src=x onerror=alert(1)>' } } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('VALIDATION');
    expect(fieldOf(refused, 'customer.name')).toBe(MARKUP_MESSAGE);

    const payload = '<script>window.__xss=1</script> "><svg onload=window.__xss=1>';
    const ok = await call(h, url, {
      body: { serviceId: service.id, start: slot, customer: { ...guest(), name: "Tom & Jerry O'Brien" }, message: payload, fields: { vehicle: payload } },
    });
    expect(ok.status).toBe(201);
    const booking = await call(h, `/api/v1/orgs/${org.slug}/bookings/${ok.json.booking.id}`, { cookie: org.owner.cookie });
    expect(booking.status).toBe(200);
    expect(JSON.stringify(booking.json)).toContain(JSON.stringify(payload).slice(1, -1));
    expect(JSON.stringify(booking.json)).toContain("Tom & Jerry O'Brien");
  });

  it('refuses markup in organization, service, resource, custom-field and section names', async () => {
    const org = await createOrg(h);
    const base = `/api/v1/orgs/${org.slug}`;
    const cookie = org.owner.cookie;
    const x = '<b onmouseover=alert(1)>x</b>';

    const orgName = await call(h, '/api/v1/orgs', { cookie, body: { name: x, slug: `m-${Date.now().toString(36)}`, timezone: 'UTC', currency: 'USD' } });
    expect(fieldOf(orgName, 'name')).toBe(MARKUP_MESSAGE);
    const rename = await call(h, base, { method: 'PATCH', cookie, body: { name: x, settings: { highlights: ['Fast', x] } } });
    expect(rename.status).toBe(400);
    expect(fieldOf(rename, 'name')).toBe(MARKUP_MESSAGE);
    expect(fieldOf(rename, 'settings.highlights.1')).toBe(MARKUP_MESSAGE);

    const service = await call(h, `${base}/services`, {
      cookie,
      body: { name: x, durationMinutes: 30, title: x, features: [x], customFields: [{ key: 'k', label: x, type: 'select', options: [x] }] },
    });
    expect(service.status).toBe(400);
    for (const p of ['name', 'title', 'features.0', 'customFields.0.label', 'customFields.0.options.0']) expect(fieldOf(service, p), p).toBe(MARKUP_MESSAGE);

    const resource = await call(h, `${base}/resources`, { cookie, body: { kind: 'room', name: x, section: x } });
    expect(resource.status).toBe(400);
    expect(fieldOf(resource, 'name')).toBe(MARKUP_MESSAGE);
    expect(fieldOf(resource, 'section')).toBe(MARKUP_MESSAGE);

    // Descriptions are free text: kept as typed, escaped where shown.
    const described = await call(h, `${base}/services`, { cookie, body: { name: 'Wash & Wax', durationMinutes: 30, description: x } });
    expect(described.status).toBe(201);
    expect(described.json.description).toBe(x);
    expect(described.json.name).toBe('Wash & Wax');
  });

  it('refuses markup in the sign-up name with a clear message', async () => {
    const res = await call(h, '/api/auth/sign-up/email', { body: { email: `x-${Date.now()}@example.test`, name: '<script>alert(1)</script>', password: 'correct-horse-battery' } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('Name must not contain HTML markup.');
    const fine = await signUp(h, { name: 'Tom & Jerry' });
    expect(fine.name).toBe('Tom & Jerry');
  });

  it('validates emails, phones and dates with clear messages', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { slotIntervalMinutes: 60 } });
    const url = `/api/v1/public/orgs/${org.slug}/bookings`;
    const badPhone = await call(h, url, { body: { serviceId: service.id, start: slot, customer: { ...guest(), phone: '12' } } });
    expect(fieldOf(badPhone, 'customer.phone')).toMatch(/^must be a phone number/);
    const badEmail = await call(h, url, { body: { serviceId: service.id, start: slot, customer: { name: 'Ada', email: 'ada@' } } });
    expect(fieldOf(badEmail, 'customer.email')).toMatch(/^must be an email address/);
    const noOffset = await call(h, url, { body: { serviceId: service.id, start: '2026-06-02T10:00:00', customer: guest() } });
    expect(fieldOf(noOffset, 'start')).toBe('must be an ISO 8601 date-time with an offset, e.g. 2026-03-08T09:00:00-05:00');
    const feb30 = await call(h, url, { body: { serviceId: service.id, start: '2026-02-30T10:00:00Z', customer: guest() } });
    expect(fieldOf(feb30, 'start')).toMatch(/ISO 8601/);
    const backwards = await call(h, url, { body: { serviceId: service.id, start: slot, end: '2026-06-01T10:00:00-05:00', customer: guest() } });
    expect(fieldOf(backwards, 'end')).toBe('must be after start');

    const list = await call(h, `/api/v1/orgs/${org.slug}/bookings?from=2026-02-30`, { cookie: org.owner.cookie });
    expect(list.status).toBe(400);
    const reversed = await call(h, `/api/v1/orgs/${org.slug}/bookings?from=2026-06-05&to=2026-06-01`, { cookie: org.owner.cookie });
    expect(fieldOf(reversed, 'to')).toBe('must not be before from');
    const longQ = await call(h, `/api/v1/orgs/${org.slug}/customers?q=${'a'.repeat(101)}`, { cookie: org.owner.cookie });
    expect(fieldOf(longQ, 'q')).toBe('must be at most 100 characters');

    const website = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { contact: { website: 'javascript:alert(1)' } } });
    expect(fieldOf(website, 'contact.website')).toMatch(/https:\/\//);
  });
});

describe('output escaping', () => {
  // Pages render user data as React text, which escapes it. Raw HTML sinks are allowed only
  // here, each with the reason it never carries user data.
  const allowedSinks = new Map<string, string>([]);

  it('has no raw HTML sink (dangerouslySetInnerHTML, innerHTML, outerHTML, insertAdjacentHTML, document.write) in src/', () => {
    const sinks = sourceFiles(path.join(root, 'src'))
      .filter((file) => /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file))
      .filter((file) => !allowedSinks.has(file));
    expect(sinks).toEqual([]);
  });
});

describe('randomness', () => {
  // Justified exceptions, each with its reason. None today: the demo seed's reproducible data
  // comes from its own seeded generator (seed/demo-bookings.ts), not Math.random.
  const allowed = new Set<string>([]);

  it('never uses Math.random in src/: secrets, tokens, ids and passwords come from node:crypto', () => {
    const uses = sourceFiles(path.join(root, 'src'))
      .filter((file) => /Math\s*\.\s*random\s*\(|Math\s*\[\s*['"]random['"]\s*\]/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file))
      .filter((file) => !allowed.has(file));
    expect(uses).toEqual([]);
  });
});

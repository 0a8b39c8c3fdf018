/**
 * Exports (issue #12 item 7): the bookings and customers lists as CSV and PDF files.
 *
 * CSV answers are parsed back with the small RFC 4180 reader below (quoted fields, doubled
 * quotes, CRLF and line breaks inside quotes): csv-parse is not installed, and checking with
 * csv-stringify's own output would only compare the writer with itself. PDFs are read by
 * inflating their streams (node:zlib) and decoding the text operators, so the test reads what
 * a viewer would show. Hostile cells that the API's validation would trim (a leading tab or
 * carriage return) are written straight into the database, as an older row or an import
 * could hold them.
 */
import { inflateSync } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookings as bookingsTable, customers as customersTable } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { bookingSchemas, listBookings } from '@/modules/bookings';
import { customerSchemas, listCustomers } from '@/modules/customers';
import { exportBookings, exportCustomers, exportSchemas } from '@/modules/exports';
import { type Ctx, noRequest } from '@/modules/kernel';
import { addMember, call, createOrg, type TestOrg, type TestUser, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup } from './support/scheduling';
import { env } from '@/lib/env';

// Monday 2026-06-01 07:00 in Chicago (CDT, UTC−5).
const NOW = '2026-06-01T12:00:00Z';
let h: Harness;
let a: TestOrg;
let b: TestOrg;
let viewer: TestUser;
let member: TestUser;
let service: { id: string };
let resources: { id: string }[];
const made: { id: string; customerId: string; start: string; name: string }[] = [];

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  a = await createOrg(h, undefined, { name: 'Detalles Ñandú & Co' });
  b = await createOrg(h);
  viewer = await addMember(h, a, 'viewer');
  member = await addMember(h, a, 'member');
  ({ service, resources } = await bookableSetup(h, a, { staff: 2, service: { priceMinor: 4550, slotIntervalMinutes: 60, cancellationNoticeMinutes: 0, requiresConfirmation: true } }));
  const bSetup = await bookableSetup(h, b, { service: { priceMinor: 999 } });
  const guests = [
    { name: 'José Ñúñez', message: 'Portón azul, "código" 12, segunda línea\nsí' },
    { name: '=HYPERLINK("http://evil.test","clic")', message: '+SUM(1+1)' },
    { name: '@SUM(A1:A9)', message: '-2+3' },
    { name: 'Zoë Plain', message: '' },
  ];
  for (const [i, g] of guests.entries()) {
    const start = `2026-06-0${2 + i}T09:00:00-05:00`;
    const res = await call(h, `/api/v1/public/orgs/${a.slug}/bookings`, {
      body: { serviceId: service.id, start, customer: { name: g.name, email: `${uniq('g')}@example.test`, phone: '+1 555 0100' }, message: g.message },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    made.push({ id: res.json.booking.id, customerId: res.json.booking.customerId, start, name: g.name });
  }
  // One booking the club member made for themself (members see only theirs).
  const own = await call(h, `/api/v1/orgs/${a.slug}/bookings`, { cookie: member.cookie, body: { serviceId: service.id, start: '2026-06-09T10:00:00-05:00' } });
  expect(own.status, JSON.stringify(own.json)).toBe(201);
  made.push({ id: own.json.booking.id, customerId: own.json.booking.customerId, start: '2026-06-09T10:00:00-05:00', name: member.name });
  // Confirm the first one, cancel the second: the totals count by status.
  expect((await call(h, `/api/v1/orgs/${a.slug}/bookings/${made[0]!.id}/confirm`, { cookie: a.owner.cookie, body: {} })).status).toBe(200);
  expect((await call(h, `/api/v1/orgs/${a.slug}/bookings/${made[1]!.id}/cancel`, { cookie: a.owner.cookie, body: { reason: 'no, gracias' } })).status).toBe(200);
  const bRes = await call(h, `/api/v1/public/orgs/${b.slug}/bookings`, {
    body: { serviceId: bSetup.service.id, start: '2026-06-02T09:00:00-05:00', customer: { name: 'Other Org Guest', email: `${uniq('bguest')}@example.test` } },
  });
  expect(bRes.status).toBe(201);
}, 120_000);
afterAll(() => h.close());

// ─── Readers ────────────────────────────────────────────────────────────────────────────────

/** RFC 4180: fields split by commas, records by CRLF (or LF); quoted fields may hold both, "" is a quote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else if (ch === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
    else field += ch;
    i += 1;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Rows as objects by header name. */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((k, i) => [k, r[i] ?? ''])));
}

// Windows-1252's 0x80–0x9F (elsewhere it is Latin-1); Node's TextDecoder may not know the codepage.
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const winAnsiText = { decode: (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? cp1252High[b - 0x80] : String.fromCharCode(b))).join('') };

/** The text a viewer would show: every stream inflated when compressed, then the hex strings of each TJ/Tj, line by line. */
function pdfText(pdf: Buffer): string[] {
  const lines: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream\n', at);
    if (start < 0) break;
    const end = pdf.indexOf('\nendstream', start);
    const raw = pdf.subarray(start + 7, end);
    at = end + 10;
    let content: string;
    try {
      content = inflateSync(raw).toString('latin1');
    } catch {
      content = raw.toString('latin1');
    }
    for (const m of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      // The built-in fonts' encoding is WinAnsi (Windows-1252).
      lines.push([...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => winAnsiText.decode(Buffer.from(x[1]!, 'hex'))).join(''));
    }
  }
  return lines;
}

async function get(path: string, cookie?: string) {
  const headers: Record<string, string> = { origin: env().BASE_URL, 'user-agent': 'ExportTest/1.0' };
  if (cookie) headers.cookie = cookie;
  const res = await h.app.request(path, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: any = null;
  if (res.headers.get('content-type')?.startsWith('application/json')) json = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8'), json };
}

const exportsOf = (org: TestOrg) => `/api/v1/orgs/${org.slug}/exports`;

function ctxFor(org: TestOrg, user: TestUser, role: 'owner' | 'viewer' | 'member'): Ctx {
  return {
    db: h.database.db,
    tenant: { id: org.id, slug: org.slug, name: org.name, timezone: 'America/Chicago', currency: 'USD', locale: 'en' },
    actor: { type: 'user', userId: user.id, email: user.email, name: user.name, role },
    now: new Date(NOW),
    request: noRequest,
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

// ─── CSV ────────────────────────────────────────────────────────────────────────────────────

describe('bookings CSV', () => {
  it('is a UTF-8 CSV with a BOM, times in the org’s zone, amounts in major units, one row per booking', async () => {
    const res = await get(`${exportsOf(a)}/bookings.csv?sort=startsAt`, a.owner.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="bookings-${a.slug}-2026-06-01.csv"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.bytes.subarray(3).toString('utf8');
    expect(text).toContain('\r\n');
    const rows = csvObjects(text);
    expect(rows.map((r) => r['Booking ID'])).toEqual(made.map((m) => m.id));
    const jose = rows[0]!;
    expect(jose).toMatchObject({
      Status: 'Confirmed',
      Start: '2026-06-02 09:00',
      End: '2026-06-02 10:00',
      'Time zone': 'America/Chicago',
      Customer: 'José Ñúñez',
      Amount: '45.50',
      Currency: 'USD',
      Source: 'Booking page',
      // Commas, quotes and a line break survive in one cell.
      Message: 'Portón azul, "código" 12, segunda línea\nsí',
    });
    expect(rows[1]).toMatchObject({ Status: 'Cancelled', 'Cancellation reason': 'no, gracias' });
    expect(res.headers.get('x-export-rows')).toBe(String(made.length));
  });

  it('escapes cells a spreadsheet would run as formulas (= + - @, tab, carriage return), and leaves numbers alone', async () => {
    // A leading tab or CR cannot come through the API (it trims): put them in the database directly.
    await h.database.db.update(customersTable).set({ name: '\t=1+2' }).where(eq(customersTable.id, made[3]!.customerId));
    await h.database.db.update(bookingsTable).set({ message: '\r=cmd|/c calc' }).where(eq(bookingsTable.id, made[3]!.id));
    const rows = csvObjects((await get(`${exportsOf(a)}/bookings.csv?sort=startsAt`, a.owner.cookie)).text.slice(1));
    const byId = new Map(rows.map((r) => [r['Booking ID'], r]));
    expect(byId.get(made[1]!.id)).toMatchObject({ Customer: `'=HYPERLINK("http://evil.test","clic")`, Message: "'+SUM(1+1)" });
    expect(byId.get(made[2]!.id)).toMatchObject({ Customer: "'@SUM(A1:A9)", Message: "'-2+3" });
    expect(byId.get(made[3]!.id)).toMatchObject({ Customer: "'\t=1+2", Message: "'\r=cmd|/c calc" });
    // A phone number starting with + is escaped too (the accepted cost); seats are a number and are not.
    expect(byId.get(made[0]!.id)).toMatchObject({ Phone: "'+1 555 0100", Seats: '1' });
    for (const r of rows) for (const cell of Object.values(r)) expect(cell, 'no cell may start a formula').not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
  });

  it('honours the list’s filters and sort, and the language', async () => {
    const only = async (query: string) => csvObjects((await get(`${exportsOf(a)}/bookings.csv${query}`, a.owner.cookie)).text.slice(1)).map((r) => r['Booking ID'] ?? r['ID de reserva']);
    expect(await only('?status=confirmed')).toEqual([made[0]!.id]);
    expect(await only('?status=cancelled,confirmed&sort=-startsAt')).toEqual([made[1]!.id, made[0]!.id]);
    expect(await only('?from=2026-06-03&to=2026-06-04&sort=startsAt')).toEqual([made[1]!.id, made[2]!.id]);
    expect(await only(`?q=${encodeURIComponent('ñúñez')}`)).toEqual([made[0]!.id]);
    expect(await only(`?customerId=${made[2]!.customerId}`)).toEqual([made[2]!.id]);
    expect(await only(`?resourceId=${resources[0]!.id}&status=no_show`)).toEqual([]);
    expect(await only('?sort=-startsAt')).toEqual(made.map((m) => m.id).reverse());
    const es = parseCsv((await get(`${exportsOf(a)}/bookings.csv?lang=es&status=confirmed`, a.owner.cookie)).text.slice(1));
    expect(es[0]!.slice(0, 3)).toEqual(['ID de reserva', 'Estado', 'Inicio']);
    expect(es[1]![1]).toBe('Confirmada');
  });

  it('answers bad filters with a 400 envelope before any byte of a file', async () => {
    for (const query of ['?status=bogus', '?from=2026-02-30', '?from=2026-06-05&to=2026-06-01', '?sort=price', '?lang=fr', '?serviceId=nope', `?q=${'x'.repeat(101)}`]) {
      const res = await get(`${exportsOf(a)}/bookings.csv${query}`, a.owner.cookie);
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
      expect(res.headers.get('content-disposition')).toBeNull();
    }
    const pdf = await get(`${exportsOf(a)}/customers.pdf?sort=nope`, a.owner.cookie);
    expect(pdf.status).toBe(400);
  });

  it('writes one audit row per export: who, what, the filters and the row count', async () => {
    const res = await get(`${exportsOf(a)}/bookings.csv?status=confirmed,cancelled&q=a`, viewer.cookie);
    expect(res.status).toBe(200);
    const id = res.headers.get('x-export-id')!;
    expect(id).toMatch(/^exp_/);
    const rows = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, a.id), eq(auditLog.entityId, id)));
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    const count = csvObjects(res.text.slice(1)).length;
    expect(row).toMatchObject({ action: 'bookings.exported', entity: 'export', actorType: 'user', actorUserId: viewer.id, userAgent: 'ExportTest/1.0' });
    expect(row.changes).toEqual({ after: { kind: 'bookings', format: 'csv', filters: { status: ['confirmed', 'cancelled'], q: 'a', sort: 'startsAt' }, rowCount: count, language: 'en' } });
    const c = await get(`${exportsOf(a)}/customers.pdf?q=zzz-nobody`, a.owner.cookie);
    const [crow] = await h.database.db.select().from(auditLog).where(eq(auditLog.entityId, c.headers.get('x-export-id')!));
    expect(crow).toMatchObject({ action: 'customers.exported', actorUserId: a.owner.id, changes: { after: { kind: 'customers', format: 'pdf', filters: { q: 'zzz-nobody', sort: 'name' }, rowCount: 0 } } });
  });
});

describe('customers CSV', () => {
  it('lists the customers with their counts, search and sort applied', async () => {
    const res = await get(`${exportsOf(a)}/customers.csv?sort=-totalBookings`, a.owner.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="customers-${a.slug}-2026-06-01.csv"`);
    const rows = csvObjects(res.text.slice(1));
    expect(rows).toHaveLength(made.length);
    const jose = rows.find((r) => r.Name === 'José Ñúñez')!;
    expect(jose).toMatchObject({ Phone: "'+1 555 0100", Bookings: '1', 'Last booking': '2026-06-02 09:00' });
    // The cancelled booking does not count for its customer.
    expect(rows.find((r) => r['Customer ID'] === made[1]!.customerId)).toMatchObject({ Name: `'=HYPERLINK("http://evil.test","clic")`, Bookings: '0', 'Last booking': '' });
    const searched = csvObjects((await get(`${exportsOf(a)}/customers.csv?q=${encodeURIComponent('josé')}`, a.owner.cookie)).text.slice(1));
    expect(searched.map((r) => r['Customer ID'])).toEqual([made[0]!.customerId]);
  });
});

describe('order', () => {
  it('pages through in exactly the list’s order for every sort, ties and customers never booked included', async () => {
    const owner = ctxFor(a, a.owner, 'owner');
    for (const sort of ['startsAt', '-startsAt', 'createdAt', '-createdAt'] as const) {
      const list = (await listBookings(owner, bookingSchemas.listBookingsQuery.parse({ sort, pageSize: 100 }))).data.map((x) => x.id);
      const file = await exportBookings(owner, exportSchemas.exportBookingsQuery.parse({ sort }), 'csv', { pageSize: 2 });
      expect(csvObjects((await readAll(file.body)).toString('utf8').slice(1)).map((r) => r['Booking ID']), sort).toEqual(list);
    }
    for (const sort of ['name', '-name', 'lastBookingAt', '-lastBookingAt', 'totalBookings', '-totalBookings', 'createdAt', '-createdAt'] as const) {
      const list = (await listCustomers(owner, customerSchemas.listCustomersQuery.parse({ sort, pageSize: 100 }))).data.map((x) => x.id);
      const file = await exportCustomers(owner, exportSchemas.exportCustomersQuery.parse({ sort }), 'csv', { pageSize: 2 });
      expect(csvObjects((await readAll(file.body)).toString('utf8').slice(1)).map((r) => r['Customer ID']), sort).toEqual(list);
    }
  });
});

// ─── PDF ────────────────────────────────────────────────────────────────────────────────────

describe('PDF reports', () => {
  it('bookings: a PDF with the org’s name, the period, totals by status and the rows', async () => {
    const res = await get(`${exportsOf(a)}/bookings.pdf?from=2026-06-01&to=2026-06-30&lang=es`, a.owner.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
    const text = pdfText(res.bytes);
    expect(text).toContain('Detalles Ñandú & Co');
    expect(text).toContain('Informe de reservas');
    expect(text.some((l) => l.startsWith('Periodo: 2026-06-01 – 2026-06-30 · 5 reservas'))).toBe(true);
    // Totals: status, count, amount (45.50 each).
    const at = text.indexOf('Confirmada');
    expect(text.slice(at, at + 3)).toEqual(['Confirmada', '1', '45,50 USD']);
    const total = text.indexOf('Total');
    expect(text.slice(total, total + 3)).toEqual(['Total', '5', '227,50 USD']);
    expect(text).toContain('José Ñúñez');
    expect(text).toContain('Página 1');
  });

  it('pages a long list, repeating the table header, and writes accents it can draw and ? for what it cannot', async () => {
    const org = await createOrg(h, undefined, { name: 'Long Report Ltd' });
    const { service: svc } = await bookableSetup(h, org, { service: { priceMinor: 1000, slotIntervalMinutes: 60 } });
    for (let d = 0; d < 15; d++) {
      for (const hh of ['09', '10', '11', '12', '13', '14', '15', '16']) {
        const day = new Date(Date.UTC(2026, 5, 2 + d));
        if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
        const res = await call(h, `/api/v1/orgs/${org.slug}/bookings`, {
          cookie: org.owner.cookie,
          body: { serviceId: svc.id, start: `${day.toISOString().slice(0, 10)}T${hh}:00:00-05:00`, customer: { name: d === 0 && hh === '09' ? 'Łukasz 中文 Ørsted' : `Guest ${d}-${hh}`, email: `${uniq('l')}@example.test` } },
        });
        expect(res.status).toBe(201);
      }
    }
    const res = await get(`/api/v1/orgs/${org.slug}/exports/bookings.pdf?sort=startsAt`, org.owner.cookie);
    expect(res.status).toBe(200);
    const n = Number(res.headers.get('x-export-rows'));
    expect(n).toBeGreaterThan(80);
    const text = pdfText(res.bytes);
    const pages = text.filter((l) => /^Page \d+$/.test(l));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages).toEqual(pages.map((_, i) => `Page ${i + 1}`));
    // The header row on every page.
    expect(text.filter((l) => l === 'Resource').length).toBe(pages.length);
    expect(text.filter((l) => /^Guest \d+-\d+$/.test(l)).length).toBe(n - 1);
    expect(text).toContain('?ukasz ?? Ørsted');
    expect(text.some((l) => l.startsWith('Period: All dates (2026-06-02 – 2026-06-16)'))).toBe(true);
  });

  it('customers: a PDF with the org’s name and the customers, in English by the org’s language', async () => {
    const res = await get(`${exportsOf(a)}/customers.pdf`, viewer.cookie);
    expect(res.status).toBe(200);
    expect(res.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = pdfText(res.bytes);
    expect(text).toContain('Detalles Ñandú & Co');
    expect(text).toContain('Customers report');
    expect(text).toContain('José Ñúñez');
    const at = text.indexOf('Customers');
    expect(text.slice(at, at + 4)).toEqual(['Customers', String(made.length), 'Bookings', '4']);
  });

  it('can be written uncompressed, the title then readable in the file as is', async () => {
    const file = await exportBookings(ctxFor(a, a.owner, 'owner'), exportSchemas.exportBookingsQuery.parse({}), 'pdf', { compress: false });
    const pdf = await readAll(file.body);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.toString('latin1')).not.toContain('FlateDecode');
    expect(pdfText(pdf)).toContain('Detalles Ñandú & Co');
  });
});

// ─── Who may export what ────────────────────────────────────────────────────────────────────

describe('permissions and tenancy', () => {
  it('anonymous → 401; another organization → 404; a member without customers:read → 403', async () => {
    for (const file of ['bookings.csv', 'bookings.pdf', 'customers.csv', 'customers.pdf']) {
      const anon = await get(`${exportsOf(a)}/${file}`);
      expect(anon.status).toBe(401);
      expect(anon.json.error.code).toBe('UNAUTHENTICATED');
      const other = await get(`${exportsOf(a)}/${file}`, b.owner.cookie);
      expect(other.status).toBe(404);
      expect(other.json.error.code).toBe('NOT_FOUND');
      expect(other.text).not.toContain('Ñúñez');
    }
    for (const file of ['customers.csv', 'customers.pdf']) {
      const res = await get(`${exportsOf(a)}/${file}`, member.cookie);
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'customers:read', role: 'member' } });
    }
    // Denied calls leave no audit row.
    const rows = await h.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, a.id), eq(auditLog.action, 'customers.exported'), eq(auditLog.actorUserId, member.id)));
    expect(rows[0]!.n).toBe(0);
  });

  it('a club member exports only their own bookings; the viewer reads all', async () => {
    const mine = csvObjects((await get(`${exportsOf(a)}/bookings.csv`, member.cookie)).text.slice(1));
    expect(mine.map((r) => r['Booking ID'])).toEqual([made[4]!.id]);
    const all = csvObjects((await get(`${exportsOf(a)}/bookings.csv`, viewer.cookie)).text.slice(1));
    expect(all).toHaveLength(made.length);
  });

  it('never puts another organization’s rows in a file, even when asked with their ids', async () => {
    const bFile = await get(`${exportsOf(b)}/bookings.csv`, b.owner.cookie);
    expect(bFile.status).toBe(200);
    expect(bFile.text).toContain('Other Org Guest');
    for (const m of made) expect(bFile.text).not.toContain(m.id);
    const crossed = await get(`${exportsOf(b)}/bookings.csv?customerId=${made[0]!.customerId}`, b.owner.cookie);
    expect(csvObjects(crossed.text.slice(1))).toEqual([]);
    const customers = await get(`${exportsOf(b)}/customers.csv`, b.owner.cookie);
    expect(customers.text).not.toContain('Ñúñez');
    const aFile = await get(`${exportsOf(a)}/customers.csv`, a.owner.cookie);
    expect(aFile.text).not.toContain('Other Org Guest');
  });

  it('holds only the organization’s rows, and the RLS scope it reads under hides the other organization’s', async () => {
    // The use case's filter is the first wall; the scope its page reads set (role bookline_app,
    // app.organization_id = A) is the second: from inside it, B's customers do not exist.
    const file = await exportCustomers(ctxFor(a, a.owner, 'owner'), exportSchemas.exportCustomersQuery.parse({}), 'csv');
    const rows = csvObjects((await readAll(file.body)).toString('utf8').slice(1));
    expect(rows.every((r) => !r.Name?.includes('Other Org'))).toBe(true);
    expect(rows.length).toBe(made.length);
    const seen = await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'bookline_app', true), set_config('app.organization_id', ${a.id}, true)`);
      return tx.select({ n: sql<number>`count(*)::int` }).from(customersTable).where(eq(customersTable.organizationId, b.id));
    });
    expect(seen[0]!.n).toBe(0);
  });
});

// ─── Size ───────────────────────────────────────────────────────────────────────────────────

describe('a large export', () => {
  let big: TestOrg;
  const N = 5000;

  beforeAll(async () => {
    big = await createOrg(h, undefined, { name: 'Big Volume Inc' });
    const { service: svc, resources: res } = await bookableSetup(h, big, { service: { priceMinor: 2500 } });
    const first = await call(h, `/api/v1/orgs/${big.slug}/bookings`, {
      cookie: big.owner.cookie,
      body: { serviceId: svc.id, start: '2026-06-02T09:00:00-05:00', customer: { name: 'Bulk Customer', email: `${uniq('bulk')}@example.test` } },
    });
    expect(first.status).toBe(201);
    const customerId = first.json.booking.customerId as string;
    const tag = uniq('').slice(0, 8);
    // N − 1 more, one hour apart on the same resource, written in one statement (the API would take minutes).
    await h.database.db.execute(sql`
      insert into bookings (id, organization_id, service_id, resource_id, customer_id, status, starts_at, ends_at, blocked_range, exclusive, seats, price_minor, currency, source, created_at, updated_at)
      select 'bkg_' || ${tag} || lpad(i::text, 18, '0'), ${big.id}, ${svc.id}, ${res[0]!.id}, ${customerId},
             (array['pending','confirmed','completed','cancelled'])[1 + i % 4],
             s, s + interval '1 hour', tstzrange(s, s + interval '1 hour', '[)'), true, 1, 2500, 'USD', 'staff', now(), now()
      from generate_series(1, ${N - 1}) as i, lateral (select timestamptz '2026-07-01 00:00:00+00' + i * interval '1 hour' as s) t`);
  }, 120_000);

  it('streams 5,000 bookings over HTTP, each once, in order, and audits the count', async () => {
    const res = await get(`/api/v1/orgs/${big.slug}/exports/bookings.csv?sort=startsAt`, big.owner.cookie);
    expect(res.status).toBe(200);
    const rows = csvObjects(res.text.slice(1));
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r['Booking ID'])).size).toBe(N);
    const starts = rows.map((r) => r.Start);
    expect([...starts].sort()).toEqual(starts);
    const [audit] = await h.database.db.select().from(auditLog).where(eq(auditLog.entityId, res.headers.get('x-export-id')!));
    expect((audit!.changes as any).after.rowCount).toBe(N);
  });

  it('reads one page at a time as the reader pulls: the database is never more than a page ahead, and stopping stops the reads', async () => {
    const pageSize = 100;
    let fetched = 0;
    const ctx = ctxFor(big, big.owner, 'owner');
    const file = await exportBookings(ctx, exportSchemas.exportBookingsQuery.parse({ sort: '-startsAt' }), 'csv', { pageSize, onPage: (n) => (fetched += n) });
    expect(file.rowCount).toBe(N);
    expect(fetched, 'nothing is read before the body is').toBe(0);
    const reader = file.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let largest = 0;
    let lead = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      largest = Math.max(largest, value.byteLength);
      text += decoder.decode(value, { stream: true });
      const emitted = text.split('\r\n').length - 2; // minus the header and the unfinished line
      lead = Math.max(lead, fetched - emitted);
    }
    expect(fetched).toBe(N);
    expect(lead, 'rows read from the database but not yet handed to the reader').toBeLessThanOrEqual(pageSize);
    expect(largest, 'no chunk holds more than a page').toBeLessThan(pageSize * 400);
    expect(csvObjects(text.slice(1))).toHaveLength(N);

    // A reader that goes away after three chunks: the remaining pages are never read.
    fetched = 0;
    const again = await exportBookings(ctx, exportSchemas.exportBookingsQuery.parse({}), 'pdf', { pageSize, onPage: (n) => (fetched += n) });
    const r2 = again.body.getReader();
    for (let i = 0; i < 3; i++) await r2.read();
    await r2.cancel();
    expect(fetched).toBeLessThanOrEqual(3 * pageSize);
  }, 120_000);
});

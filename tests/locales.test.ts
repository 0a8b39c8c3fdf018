import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, toLocale } from '@/i18n/locales';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { messageAreas } from '@/i18n/request';
import { rolePermissions } from '@/modules/kernel';
import en from '../messages/en.json';
import es from '../messages/es.json';

const dir = path.resolve(import.meta.dirname, '../messages');
const load = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;

describe('locales', () => {
  it('picks the best supported language from Accept-Language', () => {
    expect(fromAcceptLanguage('es-PA,es;q=0.9,en;q=0.8')).toBe('es');
    expect(fromAcceptLanguage('fr-FR,fr;q=0.9,en;q=0.5,es;q=0.7')).toBe('es');
    expect(fromAcceptLanguage('de')).toBeNull();
    expect(fromAcceptLanguage('')).toBeNull();
    expect(toLocale('es-ES')).toBe('es');
    expect(toLocale('EN_us')).toBe('en');
  });

  it('has the same keys in every catalogue', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(es).sort()).toEqual(keys(en).sort());
    const seen = new Set<string>();
    for (const area of messageAreas) {
      const [areaEn, areaEs] = [load(`${area}en.json`), load(`${area}es.json`)];
      expect(keys(areaEs).sort(), `${area}es.json`).toEqual(keys(areaEn).sort());
      // Areas own disjoint namespaces: merging them must not overwrite anything.
      for (const ns of Object.keys(areaEn)) {
        expect(seen.has(ns), `namespace ${ns} in two areas`).toBe(false);
        seen.add(ns);
      }
    }
    // Every catalogue file is loaded.
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).length).toBe(messageAreas.length * 2);
  });

  it('names every permission in both languages (the overview lists what a role allows)', () => {
    for (const lang of ['en', 'es']) {
      const names = (load(`dashboard.${lang}.json`).dashboard as { permissions: Record<string, string> }).permissions;
      for (const p of new Set(Object.values(rolePermissions).flat())) expect(names[p.replace(':', '_')], `${lang}: ${p}`).toBeTruthy();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, toLocale } from '@/i18n/locales';
import dashboardEn from '../messages/dashboard.en.json';
import dashboardEs from '../messages/dashboard.es.json';
import en from '../messages/en.json';
import es from '../messages/es.json';

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
    expect(keys(dashboardEs).sort()).toEqual(keys(dashboardEn).sort());
    // Areas own disjoint namespaces: merging them must not overwrite anything.
    expect(Object.keys(en).filter((k) => k in dashboardEn)).toEqual([]);
  });
});

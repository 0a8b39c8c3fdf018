/**
 * Issue #10, item 4 (one validation): the service and resource forms check input with the
 * server's own schemas before sending it, and say each problem in the reader's language under
 * the field the API would name (`customFields.0.key`), with the catalogue's EN and ES words.
 */
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { issueErrors, type IssueText, listMax } from '@/app/dashboard/[slug]/catalog/_lib/validation';
import { createResourceInput, createServiceInput, updateServiceInput } from '@/modules/catalog/schemas';
import catalogEn from '../messages/catalog.en.json';
import catalogEs from '../messages/catalog.es.json';

function words(messages: typeof catalogEn, locale: 'en' | 'es'): IssueText {
  const t = createTranslator({ locale, messages, namespace: 'catalogPage.validation' });
  return (key, values) => t(key, values);
}

const en = words(catalogEn, 'en');
const es = words(catalogEs as typeof catalogEn, 'es');

describe('catalog forms validate with the server schemas', () => {
  it('puts every problem of a new service under its path, in English and Spanish', () => {
    const input = {
      name: '',
      slug: 'Not A Slug',
      durationMinutes: 2,
      capacity: 1.5,
      maxAdvanceDays: '',
      customFields: [
        { key: '1st', label: 'First', type: 'select' },
        { key: 'size', label: 'Size', type: 'select', options: ['S', 'S'] },
      ],
    };
    const result = createServiceInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(issueErrors(result.error!, en)).toEqual({
      name: 'This field is required.',
      slug: 'Use lowercase letters, digits and single hyphens.',
      durationMinutes: 'Must be at least 5.',
      capacity: 'Enter a whole number.',
      maxAdvanceDays: 'Enter a number.',
      'customFields.0.key': 'Start with a lowercase letter, then letters, digits or _ (at most 40).',
      'customFields.0.options': 'A choice list needs at least one option.',
      'customFields.1.options.1': 'This option is listed twice.',
    });
    expect(issueErrors(result.error!, es)).toMatchObject({ name: 'Este campo es obligatorio.', durationMinutes: 'Debe ser al menos 5.', capacity: 'Escribe un número entero.' });
  });

  it('names bounds as the schema sets them and keeps a rule’s own words when there is no translation', () => {
    const result = updateServiceInput.safeParse({ name: 'x'.repeat(121), features: Array(31).fill('ok'), description: 'ok', title: '<b>Bold</b>' });
    expect(issueErrors(result.error!, en)).toEqual({
      name: 'Use at most 120 characters.',
      features: 'At most 30 items.',
      title: 'Must not contain HTML markup',
    });
    expect(listMax(updateServiceInput.shape.customFields.unwrap())).toBe(30);
  });

  it('checks a resource the same way (details keys, https photos, nights)', () => {
    const result = createResourceInput.safeParse({
      kind: 'asset',
      name: 'Cabin',
      photos: ['http://example.com/a.jpg'],
      details: { 'bad key': 1 },
      multiDay: { checkInTime: '15:00', checkOutTime: '11:00', minNights: 3, maxNights: 2 },
    });
    expect(issueErrors(result.error!, en)).toEqual({
      'details.bad key': 'Use letters, digits and _ (at most 40), starting with a letter.',
      'photos.0': 'Enter an https:// address or a path on this site, like /photos/cabin.jpg.',
      'multiDay.maxNights': 'Must be at least minNights',
    });
    expect(createResourceInput.safeParse({ kind: 'staff', name: 'Ana' }).success).toBe(true);
  });
});

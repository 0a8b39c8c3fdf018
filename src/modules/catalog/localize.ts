/**
 * An organization writes its catalog in its own language (organizations.locale); translations
 * into the other content languages sit beside each text (services/resources.translations). A
 * visitor asking for a language gets each text in it where one was written and the
 * organization's own text where not — field by field, item by item — never an empty label.
 */
import type { ContentLocale } from '@/db/enums';
import type { BlackoutTranslation, CustomField, ResourceTranslation, ServiceTranslation, Translations } from '@/db/schema';
import { contentLocaleOf } from './schemas';

export { contentLocaleOf };

const filled = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/** Item by item: a translated item where it is filled in, the base item otherwise. */
function localizeList(base: string[], translated: string[] | undefined): string[] {
  if (!translated) return base;
  return base.map((item, i) => (filled(translated[i]) ? translated[i] : item));
}

export interface LocalizableService {
  name: string;
  title: string | null;
  description: string;
  features: string[];
  benefits: string[];
  processSteps: { title: string; description?: string }[];
  customFields: CustomField[];
  translations: Translations<ServiceTranslation>;
}

export interface LocalizedServiceText {
  name: string;
  title: string | null;
  description: string;
  features: string[];
  benefits: string[];
  processSteps: { title: string; description?: string }[];
  customFields: (CustomField & { optionLabels?: string[] })[];
}

/**
 * The service's texts in `lang`. Lists keep the base list's length and order (an owner who
 * adds a feature but has not translated it yet still shows it, in the base language);
 * questions keep their keys and option values — only what is shown changes (`optionLabels`).
 */
export function localizeService(service: LocalizableService, lang: ContentLocale, organizationLocale: string): LocalizedServiceText {
  const base: LocalizedServiceText = {
    name: service.name,
    title: service.title,
    description: service.description,
    features: service.features,
    benefits: service.benefits,
    processSteps: service.processSteps,
    customFields: service.customFields,
  };
  if (lang === contentLocaleOf(organizationLocale)) return base;
  const t = service.translations[lang];
  if (!t) return base;
  return {
    name: filled(t.name) ? t.name : base.name,
    title: filled(t.title) ? t.title : base.title,
    description: filled(t.description) ? t.description : base.description,
    features: localizeList(base.features, t.features),
    benefits: localizeList(base.benefits, t.benefits),
    processSteps: base.processSteps.map((step, i) => {
      const ts = t.processSteps?.[i];
      const description = filled(ts?.description) ? ts.description : step.description;
      return { title: filled(ts?.title) ? ts.title : step.title, ...(description !== undefined ? { description } : {}) };
    }),
    customFields: base.customFields.map((field) => {
      const tf = t.customFields?.[field.key];
      if (!tf) return field;
      const out: CustomField & { optionLabels?: string[] } = { ...field, label: filled(tf.label) ? tf.label : field.label };
      const helpText = filled(tf.helpText) ? tf.helpText : field.helpText;
      if (helpText !== undefined) out.helpText = helpText;
      if (field.options && tf.options) out.optionLabels = localizeList(field.options, tf.options);
      return out;
    }),
  };
}

export function localizeResource(
  resource: { name: string; description: string; translations: Translations<ResourceTranslation> },
  lang: ContentLocale,
  organizationLocale: string,
): { name: string; description: string } {
  const t = lang === contentLocaleOf(organizationLocale) ? undefined : resource.translations[lang];
  return { name: filled(t?.name) ? t.name : resource.name, description: filled(t?.description) ? t.description : resource.description };
}

/** A blackout's reason (a maintenance window's, shown to guests) in `lang`, else the organization's own words. */
export function localizeBlackoutReason(
  blackout: { reason: string | null; translations: Translations<BlackoutTranslation> },
  lang: ContentLocale,
  organizationLocale: string,
): string | null {
  const t = lang === contentLocaleOf(organizationLocale) ? undefined : blackout.translations[lang];
  return filled(t?.reason) ? t.reason : blackout.reason;
}

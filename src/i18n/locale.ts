export const LOCALES = ['es-AR', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es-AR';

/** A catalog maps message keys to a template per locale; `{name}` placeholders are filled in. */
export type Catalog<K extends string> = Record<Locale, Record<K, string>>;

export function defineCatalog<K extends string>(catalog: Catalog<K>) {
  return (locale: Locale, key: K, params: Record<string, string | number> = {}): string => {
    const template = catalog[locale][key] ?? catalog.en[key];
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

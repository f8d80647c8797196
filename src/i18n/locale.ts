export const LOCALES = ['es-AR', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es-AR';

/**
 * A catalog maps message keys to a template per locale. `{name}` is replaced by a parameter;
 * `{name|one|other}` picks the singular or plural wording by the parameter's number, with `#`
 * standing for it: `{count|the last check|the last # checks}`.
 */
export type Catalog<K extends string> = Record<Locale, Record<K, string>>;

const PLURAL = /\{(\w+)\|([^{}|]*)\|([^{}|]*)\}/g;
const PLACEHOLDER = /\{(\w+)\}/g;
const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Whether a parameter reads as singular. A formatted string (`1.000` in Spanish) is only
 * singular when it is exactly `1`, so its thousands separator never decides.
 */
function isOne(locale: Locale, value: string | number): boolean {
  const n = typeof value === 'number' ? value : value === '1' ? 1 : Number.NaN;
  if (Number.isNaN(n)) return false;
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n) === 'one';
}

export function defineCatalog<K extends string>(catalog: Catalog<K>) {
  return (locale: Locale, key: K, params: Record<string, string | number> = {}): string => {
    const template = catalog[locale][key] ?? catalog.en[key];
    return template
      .replace(PLURAL, (whole, name: string, one: string, other: string) => {
        const value = params[name];
        if (value === undefined) return whole;
        return (isOne(locale, value) ? one : other).replaceAll('#', String(value));
      })
      .replace(PLACEHOLDER, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      );
  };
}

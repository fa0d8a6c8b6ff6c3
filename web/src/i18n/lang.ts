/** The app's languages: Danish first, English second. */
export const LANGS = ['da', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const isLang = (value: unknown): value is Lang => value === 'da' || value === 'en';

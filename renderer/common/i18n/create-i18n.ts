import { createInstance, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { vi } from './vi.ts';

export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof vi };
  }
}

/**
 * The app's translations: Vietnamese by default, English available. Resources are bundled (no loading over the
 * network); React escapes interpolated values, so i18next does not escape them a second time.
 */
export async function createI18n(language: Language = 'vi'): Promise<i18n> {
  const instance = createInstance({
    lng: language,
    fallbackLng: 'vi',
    resources: { vi: { translation: vi }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await instance.use(initReactI18next).init();
  return instance;
}

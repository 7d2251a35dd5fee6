import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import it from './it.json';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'cartella.language';

/**
 * Feature bundles: `features/<feature>.<lang>.json`, each holding its own top-level keys, so
 * features add their strings without touching the shared it.json / en.json.
 */
const featureFiles = import.meta.glob<{ default: Record<string, unknown> }>('./features/*.json', { eager: true });

function withFeatures(lang: Language, base: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...base };
  for (const [file, mod] of Object.entries(featureFiles)) {
    if (file.endsWith(`.${lang}.json`)) Object.assign(merged, mod.default);
  }
  return merged;
}

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(v ?? '') ? (v as Language) : 'it';
  } catch {
    return 'it';
  }
}

/** Italian first; English second. The choice is kept on this computer. */
export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { it: { translation: withFeatures('it', it) }, en: { translation: withFeatures('en', en) } },
    lng: storedLanguage(),
    fallbackLng: 'it',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}

export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // storage unavailable: the choice lasts for this session only
  }
  await i18next.changeLanguage(lng);
}

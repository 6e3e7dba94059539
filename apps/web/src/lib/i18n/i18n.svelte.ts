import { createInstance, type i18n as I18next } from 'i18next';
import {
  lazyMessages,
  messagesEn as en,
  messagesZhCN as zhCN,
  type LazyFeature,
  type LazyMessagesZhCN,
} from './messages/index.js';

/** The languages the UI speaks, in the order the language switcher lists them. */
export const Locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof Locales)[number];

/** Dotted paths to every string in the messages: `'admin.members.headingOf'`. */
type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];

/** A key of the messages; zh-CN.json and en.json have the same keys (messages.test.ts checks it). */
export type MessageKey = Paths<typeof zhCN & LazyMessagesZhCN>;

/** Values interpolated into a message's `{{placeholders}}`. */
export type MessageVars = Record<string, string | number>;

const STORAGE_KEY = 'yishi.lang';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (Locales as readonly string[]).includes(value);
}

/** The remembered choice, else the browser's: any `zh*` language means Chinese, anything else English. */
function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'zh-CN';
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private modes, policies): fall back to the browser's languages.
  }
  if (isLocale(stored)) return stored;
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return languages.some((lang) => lang?.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/**
 * The UI language. `t()` reads the locale from `$state`, so every template expression that calls
 * it re-renders when `setLocale()` switches the language.
 */
class I18n {
  #locale = $state<Locale>('zh-CN');
  readonly #i18next: I18next;

  constructor() {
    this.#locale = initialLocale();
    this.#i18next = createInstance();
    void this.#i18next.init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: this.#locale,
      fallbackLng: 'en',
      supportedLngs: [...Locales],
      initAsync: false,
      // Svelte escapes every interpolated text; messages are never rendered as HTML.
      interpolation: { escapeValue: false },
    });
    this.#applyToDocument();
  }

  get locale(): Locale {
    return this.#locale;
  }

  setLocale(locale: Locale): void {
    if (!isLocale(locale)) return;
    this.#locale = locale;
    void this.#i18next.changeLanguage(locale);
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Not remembered across visits, still switched for this one.
    }
    this.#applyToDocument();
  }

  /** Bumped when a feature's messages arrive, so that what showed their keys shows them again. */
  #loaded = $state(0);
  readonly #loading = new Map<LazyFeature, Promise<void>>();

  /** Fetches a feature's messages in both languages (once); its pages wait for it before they render. */
  load(feature: LazyFeature): Promise<void> {
    let loading = this.#loading.get(feature);
    if (!loading) {
      loading = Promise.all(
        Locales.map(async (locale) => {
          const messages = (await lazyMessages[feature][locale]()).default;
          this.#i18next.addResourceBundle(locale, 'translation', { [feature]: messages }, true, true);
        }),
      ).then(() => {
        this.#loaded++;
      });
      loading.catch(() => this.#loading.delete(feature));
      this.#loading.set(feature, loading);
    }
    return loading;
  }

  /** The message for `key` in the current locale, with `vars` interpolated. */
  t = (key: MessageKey, vars?: MessageVars): string => {
    void this.#loaded;
    return this.#i18next.t(key, { ...vars, lng: this.#locale });
  };

  #applyToDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
  }
}

export const i18n = new I18n();

/** Shorthand for `i18n.t`, for templates: `{t('login.submit')}`. */
export const t = i18n.t;

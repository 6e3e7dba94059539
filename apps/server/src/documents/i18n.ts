import i18next, { type TFunction } from 'i18next';
import en from './messages/en.json' with { type: 'json' };
import zhCN from './messages/zh-CN.json' with { type: 'json' };

export const DocumentLanguages = ['zh-CN', 'en'] as const;
export type DocumentLanguage = (typeof DocumentLanguages)[number];

const i18n = i18next.createInstance();
void i18n.init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export type DocumentT = TFunction;

/** The wording of generated documents (minutes, outcome documents), in zh-CN (default) or en. */
export function documentT(language: DocumentLanguage): DocumentT {
  return i18n.getFixedT(language);
}

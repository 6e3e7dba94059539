/**
 * The UI's messages, one core file per language plus one file per feature, so that features can be
 * worked on side by side; each feature's messages sit under its own top-level key. Those of the
 * features in `lazyMessages` are fetched with their pages (`i18n.load`), so that a participant who
 * only opens topics does not download them.
 */
import en from './en.json';
import zhCN from './zh-CN.json';
import draftEn from './draft.en.json';
import draftZhCN from './draft.zh-CN.json';
import followUpEn from './followUp.en.json';
import followUpZhCN from './followUp.zh-CN.json';
import pollsEn from './polls.en.json';
import pollsZhCN from './polls.zh-CN.json';
import videoEn from './video.en.json';
import videoZhCN from './video.zh-CN.json';
import formsEn from './forms.en.json';
import formsZhCN from './forms.zh-CN.json';
import homeEn from './home.en.json';
import homeZhCN from './home.zh-CN.json';
import type LazyAudit from './audit.zh-CN.json';
import type LazyDuty from './duty.zh-CN.json';
import type LazyForwarding from './forwarding.zh-CN.json';
import type LazyOpinions from './opinions.zh-CN.json';
import type LazyProposals from './proposals.zh-CN.json';
import type LazySettings from './settings.zh-CN.json';
import attendanceEn from './attendance.en.json';
import attendanceZhCN from './attendance.zh-CN.json';
import departmentsEn from './departments.en.json';
import departmentsZhCN from './departments.zh-CN.json';

export const messagesZhCN = {
  ...zhCN,
  draft: draftZhCN,
  followUp: followUpZhCN,
  polls: pollsZhCN,
  video: videoZhCN,
  forms: formsZhCN,
  homePage: homeZhCN,
  attendance: attendanceZhCN,
  departments: departmentsZhCN,
};
export const messagesEn = {
  ...en,
  draft: draftEn,
  followUp: followUpEn,
  polls: pollsEn,
  video: videoEn,
  forms: formsEn,
  homePage: homeEn,
  attendance: attendanceEn,
  departments: departmentsEn,
};

/** The features whose messages come with their pages, by key, in each language. */
export const lazyMessages = {
  proposals: { 'zh-CN': () => import('./proposals.zh-CN.json'), en: () => import('./proposals.en.json') },
  opinions: { 'zh-CN': () => import('./opinions.zh-CN.json'), en: () => import('./opinions.en.json') },
  duty: { 'zh-CN': () => import('./duty.zh-CN.json'), en: () => import('./duty.en.json') },
  settings: { 'zh-CN': () => import('./settings.zh-CN.json'), en: () => import('./settings.en.json') },
  audit: { 'zh-CN': () => import('./audit.zh-CN.json'), en: () => import('./audit.en.json') },
  forwarding: { 'zh-CN': () => import('./forwarding.zh-CN.json'), en: () => import('./forwarding.en.json') },
} as const;
export type LazyFeature = keyof typeof lazyMessages;

/** The lazy features' messages, as types only (nothing is bundled for them here). */
export interface LazyMessagesZhCN {
  proposals: typeof LazyProposals;
  opinions: typeof LazyOpinions;
  duty: typeof LazyDuty;
  settings: typeof LazySettings;
  audit: typeof LazyAudit;
  forwarding: typeof LazyForwarding;
}

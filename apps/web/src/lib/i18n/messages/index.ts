/**
 * The UI's messages, one core file per language plus one file per feature, so that features can be
 * worked on side by side; each feature's messages sit under its own top-level key.
 */
import en from './en.json';
import zhCN from './zh-CN.json';
import draftEn from './draft.en.json';
import draftZhCN from './draft.zh-CN.json';
import followUpEn from './followUp.en.json';
import followUpZhCN from './followUp.zh-CN.json';
import auditEn from './audit.en.json';
import auditZhCN from './audit.zh-CN.json';
import pollsEn from './polls.en.json';
import pollsZhCN from './polls.zh-CN.json';
import videoEn from './video.en.json';
import videoZhCN from './video.zh-CN.json';
import formsEn from './forms.en.json';
import formsZhCN from './forms.zh-CN.json';
import homeEn from './home.en.json';
import homeZhCN from './home.zh-CN.json';
import attendanceEn from './attendance.en.json';
import attendanceZhCN from './attendance.zh-CN.json';
import departmentsEn from './departments.en.json';
import departmentsZhCN from './departments.zh-CN.json';

export const messagesZhCN = {
  ...zhCN,
  draft: draftZhCN,
  followUp: followUpZhCN,
  audit: auditZhCN,
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
  audit: auditEn,
  polls: pollsEn,
  video: videoEn,
  forms: formsEn,
  homePage: homeEn,
  attendance: attendanceEn,
  departments: departmentsEn,
};

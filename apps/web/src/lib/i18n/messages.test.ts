import { describe, expect, it } from 'vitest';
import { messagesEn, messagesZhCN } from './messages/index.js';
import auditEn from './messages/audit.en.json';
import auditZhCN from './messages/audit.zh-CN.json';
import dutyEn from './messages/duty.en.json';
import dutyZhCN from './messages/duty.zh-CN.json';
import forwardingEn from './messages/forwarding.en.json';
import forwardingZhCN from './messages/forwarding.zh-CN.json';
import opinionsEn from './messages/opinions.en.json';
import opinionsZhCN from './messages/opinions.zh-CN.json';
import proposalsEn from './messages/proposals.en.json';
import proposalsZhCN from './messages/proposals.zh-CN.json';
import settingsEn from './messages/settings.en.json';
import settingsZhCN from './messages/settings.zh-CN.json';

// The messages the pages fetch (`lazyMessages`) are checked with the others.
const zhCN = {
  ...messagesZhCN,
  proposals: proposalsZhCN,
  duty: dutyZhCN,
  opinions: opinionsZhCN,
  settings: settingsZhCN,
  audit: auditZhCN,
  forwarding: forwardingZhCN,
};
const en = {
  ...messagesEn,
  proposals: proposalsEn,
  duty: dutyEn,
  opinions: opinionsEn,
  settings: settingsEn,
  audit: auditEn,
  forwarding: forwardingEn,
};

/** Every leaf of a messages object as `[dotted.key, value]`. */
function leaves(messages: unknown, prefix = ''): [string, unknown][] {
  if (typeof messages !== 'object' || messages === null || Array.isArray(messages)) {
    return [[prefix, messages]];
  }
  return Object.entries(messages).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

/** The `{{placeholders}}` of a message, sorted. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const locales = { 'zh-CN': leaves(zhCN), en: leaves(en) };

describe('i18n messages', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const keys = (entries: [string, unknown][]) => entries.map(([key]) => key).sort();
    expect(keys(locales.en)).toEqual(keys(locales['zh-CN']));
  });

  it.each(Object.entries(locales))('%s has a non-empty string for every key', (_, entries) => {
    const bad = entries.filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(bad).toEqual([]);
  });

  it('a message has the same placeholders in both languages', () => {
    const english = new Map(locales.en);
    const mismatched = locales['zh-CN']
      .filter(([key, value]) => {
        const other = english.get(key);
        return typeof value === 'string' && typeof other === 'string'
          ? placeholders(value).join() !== placeholders(other).join()
          : false;
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});

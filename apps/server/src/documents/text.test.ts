import { describe, expect, it } from 'vitest';
import { exportableText } from './text.js';

/** XML 1.0's Char production: what a DOCX's XML may hold. */
const xmlChar = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('exportableText', () => {
  it('keeps ordinary text, Chinese, emoji, tabs and line feeds as they are', () => {
    const text = '关于进一步优化营商环境的建议\n\t第一条：设立资金池 🏛️ — “引号” ½ €';
    expect(exportableText(text)).toBe(text);
  });

  it('removes C0 controls but tab and line feed, DEL and C1 controls', () => {
    expect(exportableText('a\u0000b\u0001c\u0007d\u0008e\u000Bf\u000Cg\u001Bh\u001Fi')).toBe('abcdefghi');
    expect(exportableText('x\u007Fy\u0080z\u0085w\u009Fv')).toBe('xyzwv');
  });

  it('makes CR and CRLF line feeds', () => {
    expect(exportableText('one\r\ntwo\rthree\n')).toBe('one\ntwo\nthree\n');
  });

  it('removes lone surrogates and keeps pairs', () => {
    expect(exportableText('a\uD800b')).toBe('ab');
    expect(exportableText('a\uDC00b')).toBe('ab');
    expect(exportableText('end\uD83D')).toBe('end');
    expect(exportableText('\uDE00\uD83D\uDE00\uD83D')).toBe('\uD83D\uDE00');
  });

  it('removes U+FFFE and U+FFFF', () => {
    expect(exportableText('a\uFFFEb\uFFFFc\uFFFDd')).toBe('abc\uFFFDd');
  });

  it('leaves only XML 1.0 characters, whatever it is given', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const units = Array.from({ length: 64 }, () => (next() % 3 === 0 ? next() % 0x100 : next() % 0x10000));
      const cleaned = exportableText(String.fromCharCode(...units));
      expect(cleaned).toMatch(xmlChar);
      expect(cleaned).not.toContain('\r');
      expect(exportableText(cleaned)).toBe(cleaned);
    }
  });
});

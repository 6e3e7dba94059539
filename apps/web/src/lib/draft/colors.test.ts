import { describe, expect, it } from 'vitest';
import { CARET_COLORS, colorClass, colorIndex, colorOf } from './colors';

/** Relative luminance (WCAG 2). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('user colours', () => {
  it('gives the same user the same colour every time', () => {
    expect(colorIndex('u_123')).toBe(colorIndex('u_123'));
    expect(colorOf('u_123')).toBe(CARET_COLORS[colorIndex('u_123')]);
    expect(colorClass('u_123')).toBe(`caret-c${colorIndex('u_123')}`);
  });

  it('spreads users over the palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorIndex(`user-${i}`)));
    expect(used.size).toBe(CARET_COLORS.length);
  });

  it.each(CARET_COLORS)('%s carries white text legibly', (hex) => {
    expect(1.05 / (luminance(hex) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('carets.css', () => {
  it('paints every class in the colour of the palette', async () => {
    const { readFile } = await import('node:fs/promises');
    const css = await readFile(new URL('../components/Draft/carets.css', import.meta.url), 'utf8');
    CARET_COLORS.forEach((hex, i) => {
      expect(css).toMatch(new RegExp(`\\.collaboration-carets__caret\\.caret-c${i} \\{\\s*border-color: ${hex};`));
      expect(css).toMatch(new RegExp(`\\.collaboration-carets__label\\.caret-c${i},[^{]*\\{\\s*background: ${hex};`));
    });
  });
});

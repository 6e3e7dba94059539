import { describe, expect, it } from 'vitest';
import { WarningWatch } from './warning';

describe('WarningWatch', () => {
  it('sounds once, when a turn seen running reaches its warning', () => {
    const watch = new WarningWatch();
    expect(watch.observe('e1', 'running')).toBe(false);
    expect(watch.observe('e1', 'warning')).toBe(true);
    expect(watch.observe('e1', 'warning')).toBe(false);
    expect(watch.observe('e1', 'over')).toBe(false);
  });

  it('does not sound again after time is added and the warning comes back', () => {
    const watch = new WarningWatch();
    watch.observe('e1', 'running');
    watch.observe('e1', 'warning');
    watch.observe('e1', 'running');
    expect(watch.observe('e1', 'warning')).toBe(false);
  });

  it('stays quiet for a turn first seen already in its warning (the screen came in late)', () => {
    const watch = new WarningWatch();
    expect(watch.observe('e2', 'warning')).toBe(false);
  });

  it('sounds for each turn', () => {
    const watch = new WarningWatch();
    for (const id of ['e1', 'e2']) {
      watch.observe(id, 'running');
      expect(watch.observe(id, 'warning')).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  activate,
  cleanMinutes,
  dropIndex,
  duplicatePositions,
  plannedEnd,
  readItems,
  schedule,
  type AgendaItem,
} from './agenda';

const item = (id: string, status: AgendaItem['status'] = 'pending', minutes = 10): AgendaItem => ({
  id,
  title: `议程 ${id}`,
  minutes,
  presenter: '',
  status,
});

describe('readItems', () => {
  it('fills in missing fields and reads unknown statuses as pending', () => {
    expect(readItems([{ id: 'a', title: '开场', minutes: '15', status: 'weird' }])).toEqual([
      { id: 'a', title: '开场', minutes: 15, presenter: '', status: 'pending' },
    ]);
  });

  it('drops items without an id and keeps the first copy of a duplicated item', () => {
    const raw = [{ id: 'a', title: '甲' }, null, { title: '无编号' }, { id: 'b' }, { id: 'a', title: '甲的副本' }];
    expect(readItems(raw).map((i) => i.title)).toEqual(['甲', '']);
    expect(duplicatePositions(raw)).toEqual([4]);
  });
});

describe('cleanMinutes', () => {
  it('keeps whole minutes within bounds', () => {
    expect(cleanMinutes(12.6)).toBe(13);
    expect(cleanMinutes(-5)).toBe(0);
    expect(cleanMinutes(10_000)).toBe(600);
    expect(cleanMinutes('abc')).toBe(0);
    expect(cleanMinutes(Number.NaN)).toBe(0);
  });
});

describe('activate', () => {
  it('marks earlier items done and the chosen one active', () => {
    const changes = activate([item('a'), item('b'), item('c')], 'b');
    expect([...changes]).toEqual([
      ['a', 'done'],
      ['b', 'active'],
    ]);
  });

  it('moving on finishes the item under way', () => {
    const changes = activate([item('a', 'active'), item('b'), item('c')], 'b');
    expect(changes.get('a')).toBe('done');
    expect(changes.get('b')).toBe('active');
  });

  it('going back puts the interrupted item back to pending and keeps finished ones', () => {
    const changes = activate([item('a', 'done'), item('b', 'done'), item('c', 'active')], 'a');
    expect([...changes]).toEqual([
      ['a', 'active'],
      ['c', 'pending'],
    ]);
  });

  it('changes nothing for an unknown item', () => {
    expect(activate([item('a')], 'x').size).toBe(0);
  });
});

describe('planned times', () => {
  const start = Date.UTC(2026, 10, 18, 1, 0);
  it('runs items one after another', () => {
    const times = schedule(start, [item('a', 'pending', 15), item('b', 'pending', 30)]);
    expect(times).toEqual([
      { start, end: start + 15 * 60_000 },
      { start: start + 15 * 60_000, end: start + 45 * 60_000 },
    ]);
    expect(plannedEnd(start, [item('a', 'pending', 15), item('b', 'pending', 30)])).toBe(start + 45 * 60_000);
    expect(plannedEnd(start, [])).toBe(start);
  });
});

describe('dropIndex', () => {
  it('accounts for the item leaving its place', () => {
    expect(dropIndex(0, 2)).toBe(1);
    expect(dropIndex(2, 0)).toBe(0);
    expect(dropIndex(1, 3)).toBe(2);
  });
});

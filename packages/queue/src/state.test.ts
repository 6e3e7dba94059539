import { describe, expect, it } from 'vitest';
import { createQueue, defaultSettings, totals } from './state.js';
import { Room, chair, director, li, wang, zhang } from './test/fixtures.js';

const s = 1000;

describe('createQueue', () => {
  it('starts empty and open at version 0 with the default settings', () => {
    expect(createQueue()).toEqual({
      version: 0,
      current: null,
      waiting: [],
      spoken: {},
      sectorTotals: {},
      repliesTo: {},
      settings: {
        limits: { speech: 180, reply: 60, point_of_order: 60, question: 120, answer: 120 },
        maxRepliesPerSpeech: 2,
        speechPolicy: 'first_time_first',
        sectorBalance: false,
      },
      closed: false,
    });
  });

  it('takes any part of the settings, keeping the defaults for the rest', () => {
    const settings = createQueue({ limits: { speech: 300 }, sectorBalance: true }).settings;
    expect(settings).toEqual({
      ...defaultSettings,
      sectorBalance: true,
      limits: { ...defaultSettings.limits, speech: 300 },
    });
    expect(defaultSettings.limits.speech).toBe(180);
  });
});

describe('totals', () => {
  it('is empty before anyone speaks', () => {
    expect(totals(createQueue())).toEqual({ people: [], sectors: [] });
  });

  it('sums finished turns per person and per sector, most time first', () => {
    const room = new Room();
    room.speak(zhang, 60).speak(li, 90).speak(wang, 45).speak(zhang, 20, 'point_of_order').speak(director, 30);
    expect(totals(room.state)).toEqual({
      people: [
        { userId: li.userId, displayName: '李四', sector: '教育界', count: 1, totalMs: 90 * s },
        { userId: zhang.userId, displayName: '张三', sector: '经济界', count: 2, totalMs: 80 * s },
        { userId: wang.userId, displayName: '王五', sector: '经济界', count: 1, totalMs: 45 * s },
        { userId: director.userId, displayName: '陈局长', sector: null, count: 1, totalMs: 30 * s },
      ],
      sectors: [
        { sector: '经济界', totalMs: 125 * s, speakers: 2 },
        { sector: '教育界', totalMs: 90 * s, speakers: 1 },
      ],
    });
  });

  it('given the time, counts the turn on the floor up to it', () => {
    const room = new Room();
    room.speak(zhang, 60);
    room.grant(room.raise(li, 'speech'));
    room.wait(20);
    expect(totals(room.state).people.map((p) => p.userId)).toEqual([zhang.userId]);
    const live = totals(room.state, room.now);
    expect(live.people).toContainEqual({
      userId: li.userId,
      displayName: '李四',
      sector: '教育界',
      count: 1,
      totalMs: 20 * s,
    });
    expect(live.sectors).toContainEqual({ sector: '教育界', totalMs: 20 * s, speakers: 1 });
    room.run(chair, { type: 'finish' });
    expect(totals(room.state)).toEqual(live);
  });
});

import { describe, expect, it } from 'vitest';
import { Room, chair, director, li, wang, zhang, zhao } from './test/fixtures.js';

describe('points of order', () => {
  it('go first, in request order among themselves', () => {
    const room = new Room();
    room.raise(zhang, 'speech');
    room.wait(1).raise(li, 'point_of_order');
    room.wait(1).raise(wang, 'point_of_order');
    expect(room.order()).toEqual(['李四:point_of_order', '王五:point_of_order', '张三:speech']);
    expect(room.state.waiting[0]?.reason).toEqual({ code: 'point_of_order' });
  });

  it('keep the order they arrived in even if the server clock steps back', () => {
    const room = new Room();
    room.wait(60).raise(li, 'point_of_order');
    room.wait(-30).raise(wang, 'point_of_order');
    expect(room.order()).toEqual(['李四:point_of_order', '王五:point_of_order']);
  });

  it('go ahead of replies and answers too', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    room.raise(li, 'reply');
    room.raise(wang, 'point_of_order');
    expect(room.order()).toEqual(['王五:point_of_order', '李四:reply']);
  });
});

describe('replies', () => {
  it('go after points of order and earlier replies, before speeches, naming whom they answer', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    room.raise(zhao, 'speech');
    room.raise(li, 'point_of_order');
    room.raise(wang, 'reply');
    room.raise(director, 'reply');
    expect(room.order()).toEqual(['李四:point_of_order', '王五:reply', '陈局长:reply', '赵六:speech']);
    expect(room.entryOf(wang, 'reply')).toMatchObject({
      reason: { code: 'reply_to', name: '张三' },
      replyTo: { entryId: room.state.current?.entryId, userId: zhang.userId, displayName: '张三' },
    });
  });

  it('to a speech that ended stay ahead of speeches; replies to the next speech queue behind them', () => {
    const room = new Room({ maxRepliesPerSpeech: 3 });
    room.grant(room.raise(zhang, 'speech'));
    room.raise(li, 'reply');
    room.raise(zhao, 'speech');
    room.grant(room.entryOf(zhao, 'speech'));
    room.raise(wang, 'reply');
    expect(room.order()).toEqual(['李四:reply', '王五:reply']);
    expect(room.state.waiting.map((e) => e.replyTo?.displayName)).toEqual(['张三', '赵六']);
  });
});

describe('answers', () => {
  it('follow a finished question at the front, after points of order and before replies', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    room.raise(li, 'reply');
    room.raise(zhao, 'question', director);
    room.raise(wang, 'point_of_order');
    room.grant(room.entryOf(zhao, 'question'));
    expect(room.order()).toEqual(['王五:point_of_order', '李四:reply']);
    const events = room.wait(30).run(chair, { type: 'finish' });
    expect(events.map((e) => e.type)).toEqual(['speech_finished', 'entry_added']);
    expect(room.order()).toEqual(['王五:point_of_order', '陈局长:answer', '李四:reply']);
    expect(room.entryOf(director, 'answer')).toMatchObject({
      sector: null,
      reason: { code: 'answer_to_question', name: '赵六' },
      answerTo: { userId: zhao.userId, displayName: '赵六' },
    });
  });

  it('queue one slot per question, in the order the questions finished', () => {
    const room = new Room();
    room.speak(zhang, 20, 'question', director).speak(li, 20, 'question', director);
    expect(room.order()).toEqual(['陈局长:answer', '陈局长:answer']);
    expect(room.state.waiting.map((e) => e.answerTo?.displayName)).toEqual(['张三', '李四']);
  });
});

describe('speeches and questions under first_time_first (the default)', () => {
  it('put first-time speakers before repeat speakers, then keep request order', () => {
    const room = new Room();
    room.speak(zhang, 60);
    room.raise(zhang, 'speech');
    room.wait(1).raise(li, 'speech');
    room.wait(1).raise(wang, 'question', director);
    expect(room.order()).toEqual(['李四:speech', '王五:question', '张三:speech']);
    expect(room.state.waiting.map((e) => e.reason)).toEqual([
      { code: 'first_speech' },
      { code: 'first_speech' },
      { code: 'repeat_speaker', count: 2 },
    ]);
  });

  it('count a question as a speech, but not a reply, a point of order or an answer', () => {
    const room = new Room();
    room.speak(zhang, 30, 'question', director);
    room.grant(room.entryOf(director, 'answer'));
    room.wait(30).run(chair, { type: 'finish' });
    room.speak(wang, 10, 'point_of_order');
    room.grant(room.raise(zhao, 'speech'));
    room.grant(room.raise(li, 'reply'));
    room.wait(10).run(chair, { type: 'finish' });
    for (const who of [zhang, director, wang, li, zhao]) room.raise(who, 'speech');
    expect(room.state.waiting.map((e) => [e.displayName, e.reason])).toEqual([
      ['陈局长', { code: 'first_speech' }],
      ['王五', { code: 'first_speech' }],
      ['李四', { code: 'first_speech' }],
      ['张三', { code: 'repeat_speaker', count: 2 }],
      ['赵六', { code: 'repeat_speaker', count: 2 }],
    ]);
  });

  it('never re-sort entries already placed, even when the totals they were placed by change', () => {
    const room = new Room({ sectorBalance: true });
    room.raise(zhang, 'speech');
    room.raise(li, 'speech');
    room.speak(wang, 120); // 经济界 now outweighs 教育界, but 张三 keeps the place he had
    expect(room.order()).toEqual(['张三:speech', '李四:speech']);
  });
});

describe('speeches under by_request_time', () => {
  it('keep request order for everyone and say so', () => {
    const room = new Room({ speechPolicy: 'by_request_time' });
    room.speak(zhang, 60);
    room.raise(zhang, 'speech');
    room.raise(li, 'speech');
    expect(room.order()).toEqual(['张三:speech', '李四:speech']);
    expect(room.state.waiting.map((e) => e.reason)).toEqual([{ code: 'request_time' }, { code: 'request_time' }]);
  });
});

describe('sector balance', () => {
  it('puts the sector that has spoken less first, among speakers of equal first-time status', () => {
    const room = new Room({ sectorBalance: true });
    room.speak(zhang, 120); // 经济界 has spoken 120 s
    room.raise(wang, 'speech'); // 经济界, first time
    room.raise(li, 'speech'); // 教育界, first time, 0 s
    expect(room.order()).toEqual(['李四:speech', '王五:speech']);
    expect(room.entryOf(li, 'speech').reason).toEqual({ code: 'sector_balance', sector: '教育界' });
    expect(room.entryOf(wang, 'speech').reason).toEqual({ code: 'first_speech' });
  });

  it('does not put a repeat speaker before a first-time speaker', () => {
    const room = new Room({ sectorBalance: true });
    room.speak(li, 10).speak(zhang, 120);
    room.raise(wang, 'speech');
    room.raise(li, 'speech');
    expect(room.order()).toEqual(['王五:speech', '李四:speech']);
    expect(room.entryOf(li, 'speech').reason).toEqual({ code: 'repeat_speaker', count: 2 });
  });

  it('weighs someone without a sector by their own time, as a sector of one', () => {
    const room = new Room({ sectorBalance: true });
    room.speak(zhang, 60).speak(li, 30).speak(director, 90);
    room.raise(zhang, 'speech'); // repeat, 经济界 60 s
    room.raise(li, 'speech'); // repeat, 教育界 30 s: ahead of 张三
    room.raise(director, 'speech'); // repeat, 90 s of their own: no free pass for having no sector
    expect(room.order()).toEqual(['李四:speech', '张三:speech', '陈局长:speech']);
    expect(room.entryOf(li, 'speech').reason).toEqual({ code: 'sector_balance', sector: '教育界' });
    expect(room.entryOf(director, 'speech').reason).toEqual({ code: 'repeat_speaker', count: 2 });
  });

  it('applies under by_request_time too, where everyone has equal status', () => {
    const room = new Room({ sectorBalance: true, speechPolicy: 'by_request_time' });
    room.speak(director, 45).speak(zhang, 60);
    room.raise(wang, 'speech');
    room.raise(director, 'speech');
    expect(room.order()).toEqual(['陈局长:speech', '王五:speech']);
    expect(room.entryOf(director, 'speech').reason).toEqual({ code: 'sector_balance', sector: null });
  });

  it('is off by default', () => {
    const room = new Room();
    room.speak(zhang, 120);
    room.raise(wang, 'speech');
    room.raise(li, 'speech');
    expect(room.order()).toEqual(['王五:speech', '李四:speech']);
  });
});

describe('entries moved by the chair', () => {
  it('are not passed by later requests that rank with them', () => {
    const room = new Room();
    for (const who of [zhang, li, wang]) room.raise(who, 'speech');
    room.run(chair, { type: 'move', entryId: room.entryOf(zhang, 'speech').id, index: 2 });
    room.raise(zhao, 'speech');
    expect(room.order()).toEqual(['李四:speech', '王五:speech', '张三:speech', '赵六:speech']);
    expect(room.entryOf(zhang, 'speech').reason).toEqual({ code: 'moved_by_chair' });
  });

  it('keep every entry that was ahead of them, while urgent requests still pass the ranked ones', () => {
    const room = new Room();
    room.speak(zhang, 30);
    for (const who of [li, zhang]) room.raise(who, 'speech');
    room.run(chair, { type: 'move', entryId: room.entryOf(zhang, 'speech').id, index: 0 });
    room.raise(wang, 'point_of_order');
    room.raise(zhao, 'speech');
    expect(room.order()).toEqual(['张三:speech', '王五:point_of_order', '李四:speech', '赵六:speech']);
  });

  it('stay first when the chair put them first, even ahead of a later point of order', () => {
    const room = new Room();
    for (const who of [zhang, li]) room.raise(who, 'speech');
    room.run(chair, { type: 'move', entryId: room.entryOf(li, 'speech').id, index: 0 });
    room.raise(wang, 'point_of_order');
    expect(room.order()).toEqual(['李四:speech', '王五:point_of_order', '张三:speech']);
  });
});

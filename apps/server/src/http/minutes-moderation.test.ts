import { afterEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents } from '@yishi/protocol';
import type { Entry } from '@yishi/queue';
import { TestClient } from '../test/harness.js';
import { RoomClient, startRoom, type Room } from '../test/room.js';

let room: Room | undefined;
const clients: RoomClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await room?.server.dispose();
  room = undefined;
});

async function joined(r: Room, who: Room['chair']): Promise<RoomClient> {
  const c = new RoomClient(r.server.url, who);
  clients.push(c);
  const ack = await c.join(r.meetingId);
  if (!ack.ok) throw new Error(JSON.stringify(ack));
  return c;
}

/** Sends a queue command and waits until the sender has the state it made. */
async function command(
  c: RoomClient,
  event: keyof ClientToServerEvents,
  payload: object = {},
): Promise<Entry | undefined> {
  const before = c.last!.version;
  const ack = await c.emit(event, payload);
  if (!ack.ok) throw new Error(`${event}: ${JSON.stringify(ack)}`);
  await c.reached(before + 1);
  return (ack as { entry?: Entry }).entry;
}

describe('the minutes of a live meeting', () => {
  it('keep why each turn came when it did, every change the chair made to the queue, and the poll it held', async () => {
    room = await startRoom(3);
    const r = room;
    const chair = await joined(r, r.chair);
    const [m0, m1, m2] = await Promise.all(r.members.map((m) => joined(r, m.client)));

    // Three members ask for the floor; the chair moves the last one up, removes one, and gives the
    // floor out of turn.
    const first = await command(m0!, 'queue:raise', { kind: 'speech' });
    const second = await command(m1!, 'queue:raise', { kind: 'speech' });
    const third = await command(m2!, 'queue:raise', { kind: 'speech' });
    await command(chair, 'queue:move', { entryId: third!.id, index: 0 });
    await command(chair, 'queue:remove', { entryId: second!.id });
    await command(chair, 'queue:grant', { entryId: first!.id });
    await command(chair, 'queue:pause');
    await command(chair, 'queue:resume');
    await command(chair, 'queue:extend', { seconds: 60 });
    await command(chair, 'queue:next');
    await command(chair, 'queue:finish');
    // A named straw poll in the same meeting.
    const asked = await chair.emit('poll:create', {
      question: '是否形成建议案？',
      kind: 'yes_no_abstain',
      secret: false,
    });
    const pollId: string = asked.poll.poll.id;
    expect((await chair.emit('poll:open', { pollId })).ok).toBe(true);
    for (const [voter, choice] of [
      [m0!, 0],
      [m1!, 0],
      [m2!, 2],
    ] as const) {
      expect((await voter.emit('poll:vote', { pollId, choices: [choice] })).ok).toBe(true);
    }
    expect((await chair.emit('poll:close', { pollId })).ok).toBe(true);
    expect((await r.chair.post(`/api/meetings/${r.meetingId}/close`)).status).toBe(200);

    const body: string = (await r.secretary.get(`/api/meetings/${r.meetingId}/minutes`)).body.minutes.body;
    // The speech log says why each turn came when it did.
    expect(body).toContain('| 排序依据 |');
    expect(body).toMatch(/\| 1 \| m0 \| 经济界 \| 发言 \| 首次发言 \|/);
    expect(body).toMatch(/\| 2 \| m2 \| 教育界 \| 发言 \| 主持人调整 \|/);
    // The moderation section lists every change, in order, with who made it.
    const moderation = body.slice(body.indexOf('## 主持记录'), body.indexOf('## 议定事项'));
    const actions = [...moderation.matchAll(/^\| [^|]+ \| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => [
      m[1]!.trim(),
      m[2]!.trim(),
    ]);
    expect(actions.slice(2)).toEqual([
      ['将m2的发言申请由第 3 位调至第 1 位', 'chair'],
      ['将m1的发言申请移出队列', 'chair'],
      ['未按队列顺序，请m0发言（排序依据：首次发言）', 'chair'],
      ['暂停m0的发言计时', 'chair'],
      ['恢复m0的发言计时', 'chair'],
      ['为m0的发言延长 60 秒（限时共 240 秒）', 'chair'],
    ]);
    // The poll is among what the meeting decided, with who chose what.
    const decisions = body.slice(body.indexOf('## 议定事项'));
    expect(decisions).toContain('- 表决“是否形成建议案？”（记名）：赞成 2 票、反对 0 票、弃权 1 票；共 3 人投票。');
    expect(decisions).toContain('  - 赞成：m0、m1');
    expect(decisions).toContain('  - 弃权：m2');
    // A member withdrawing their own request is not moderation.
    expect(moderation).not.toContain('withdraw');

    const english: string = (await r.chair.get(`/api/meetings/${r.meetingId}/minutes?lang=en`)).body.minutes.body;
    expect(english).toContain('## Moderation');
    expect(english).toContain("Moved m2's request (Speech) from place 3 to 1");
  });

  it('says so when the chair changed nothing, and lists the outcome as decided once it is set', async () => {
    room = await startRoom(2);
    const r = room;
    const chair = await joined(r, r.chair);
    const m0 = await joined(r, r.members[0]!.client);
    await command(m0, 'queue:raise', { kind: 'speech' });
    await command(chair, 'queue:next');
    await command(chair, 'queue:finish');
    // The official's answer and a second member's speech, recorded by the secretariat: given after
    // the live turn (the log is in order of time, whatever the day the test runs).
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    for (const [speakerId, kind, minute] of [
      [r.official.id, 'answer', 30],
      [r.members[1]!.id, 'speech', 40],
    ] as const) {
      const recorded = await r.secretary.post(`/api/meetings/${r.meetingId}/speeches`, {
        speakerId,
        kind,
        startedAt: later(minute),
        endedAt: later(minute + 3),
      });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    }
    await r.chair.post(`/api/meetings/${r.meetingId}/close`);
    const minutes = async () => (await r.chair.get(`/api/meetings/${r.meetingId}/minutes`)).body.minutes.body as string;
    const generated = await minutes();
    expect(generated).toContain('会议主持人未调整发言顺序，未移出申请，未暂停或延长发言。');
    expect(generated).toMatch(/\| 2 \| official \| — \| 答复 \| 会后补录 \|/);
    // Nothing decided yet but what the secretariat adds.
    expect(generated).toMatch(/## 议定事项\n\n- （由秘书处补充会议议定的事项。）/);

    // The topic moves to drafting and its outcome is set: minutes generated now name the form and
    // the recipient (minutes the secretariat saved keep their own text).
    expect((await r.chair.post(`/api/topics/${r.topicId}/advance`, { to: 'drafting' })).status).toBe(200);
    const outcome = await r.chair.request('PUT', `/api/topics/${r.topicId}/outcome`, {
      form: 'recommendation',
      recipientDepartmentIds: [r.departmentId],
      dueDate: '2099-03-31',
    });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    const decided = await minutes();
    expect(decided).toContain('- 协商成果以建议案形式形成。\n- 协商成果交市住建局办理，于 2099年3月31日 前答复。');
    expect(decided).toMatch(/- （由秘书处补充会议议定的事项。）\n$/);
  });
});

describe('the attendance in the minutes', () => {
  it('names the participants present and absent, and lists whoever else looked in as attending, never as "?"', async () => {
    room = await startRoom(2);
    const r = room;
    const login = 'press';
    await r.admin.post(`/api/orgs/${r.orgId}/members`, {
      login,
      password: `${login}-test-password`,
      displayName: '记者',
      role: 'member',
    });
    const press = new TestClient(r.server.url);
    await press.post('/api/auth/login', { login, password: `${login}-test-password` });
    // The chair, one participant, a member who is not a participant, and the site administrator
    // (no member of the organisation) enter the room.
    for (const who of [r.chair, r.members[0]!.client, press, r.admin]) await joined(r, who);
    await r.chair.post(`/api/meetings/${r.meetingId}/close`);
    const body: string = (await r.secretary.get(`/api/meetings/${r.meetingId}/minutes`)).body.minutes.body;
    expect(body).toMatch(
      /## 出席人员\n\n- 会场：chair、m0（经济界）\n\n## 缺席人员\n\nm1（农业界）、official\n\n## 列席人员\n\n- 会场：记者、系统管理员\n/,
    );
    expect(body).not.toContain('?');
  });
});

describe('a meeting’s form and place', () => {
  it('are kept, checked against the organisation tree, and printed in the minutes', async () => {
    room = await startRoom(1);
    const r = room;
    const station = await r.admin.post('/api/orgs', {
      name: '东湖社区联络站',
      level: 'liaison_station',
      parentId: r.orgId,
    });
    expect(station.status, JSON.stringify(station.body)).toBe(201);
    const elsewhere = (await r.admin.post('/api/orgs', { name: '别处联络站', level: 'city' })).body.org.id;
    const schedule = (body: object) =>
      r.secretary.post(`/api/topics/${r.topicId}/meetings`, {
        title: '一线协商会',
        startsAt: '2026-12-08T09:00:00+08:00',
        ...body,
      });
    const made = await schedule({
      form: 'on_site',
      mode: 'hybrid',
      placeId: station.body.org.id,
      video: { provider: 'link', url: 'https://meet.example.org/yishi-123' },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.meeting).toMatchObject({
      form: 'on_site',
      mode: 'hybrid',
      place: { id: station.body.org.id, name: '东湖社区联络站' },
      location: null,
      video: { provider: 'link', url: 'https://meet.example.org/yishi-123' },
    });
    // The defaults, for a client of the first version of the contract.
    expect(r.topicId && (await schedule({})).body.meeting).toMatchObject({
      form: 'thematic',
      mode: 'in_person',
      place: null,
    });
    // Refused: a place outside the tree or of the wrong level, both a place and a location, a plain-http link.
    for (const body of [
      { placeId: elsewhere },
      { placeId: r.orgId },
      { placeId: station.body.org.id, location: '市政协三楼' },
      { video: { provider: 'link', url: 'http://meet.example.org/x' } },
      { form: 'party' },
    ]) {
      const refused = await schedule(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION');
    }
    const topic = (await r.chair.get(`/api/topics/${r.topicId}`)).body.topic;
    expect(topic.meetings.find((m: { id: string }) => m.id === made.body.meeting.id).place.name).toBe('东湖社区联络站');
    const minutes: string = (await r.chair.get(`/api/meetings/${made.body.meeting.id}/minutes`)).body.minutes.body;
    expect(minutes).toContain('- 形式：一线协商（现场与远程结合）');
    expect(minutes).toContain('- 地点：东湖社区联络站');
    expect(minutes).toContain('- 视频会议：<https://meet.example.org/yishi-123>');
  });
});

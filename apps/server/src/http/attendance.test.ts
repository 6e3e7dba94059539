import { afterEach, describe, expect, it } from 'vitest';
import type { AttendanceView, AuditPage, PresenceView, Site } from '@yishi/protocol';
import { TestClient } from '../test/harness.js';
import { download } from '../test/documents.js';
import { RoomClient, startRoom, type Room } from '../test/room.js';

/**
 * Attendance a clerk can trust (docs/design.md §7): where each person takes part, said when joining
 * a hybrid meeting or later, seen by everyone in the room; the chair or secretariat correcting it
 * until the minutes are approved; the minutes printing it.
 */
let room: Room | undefined;
const clients: RoomClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await room?.server.dispose();
  room = undefined;
});

function socket(r: Room, who: TestClient): RoomClient {
  const c = new RoomClient(r.server.url, who);
  clients.push(c);
  return c;
}

/** Joins, saying where (or not), and answers the ack. */
async function join(c: RoomClient, meetingId: string, where?: Site) {
  await c.connected();
  return c.emit('meeting:join', where ? { meetingId, where } : { meetingId });
}

/** The next `presence:state` that satisfies `match`. */
function presence(c: RoomClient, match: (view: PresenceView) => boolean): Promise<PresenceView> {
  return new Promise((resolve) => {
    const listener = (view: PresenceView) => {
      if (!match(view)) return;
      c.socket.off('presence:state', listener);
      resolve(view);
    };
    c.socket.on('presence:state', listener);
  });
}

const whereOf = (view: PresenceView, userId: string) => view.participants.find((p) => p.userId === userId)?.where;

/** A hybrid meeting of the room's topic, opened unless asked not to. */
async function hybridMeeting(r: Room, open = true): Promise<string> {
  const made = await r.secretary.post(`/api/topics/${r.topicId}/meetings`, {
    title: '远程协商会',
    startsAt: '2026-12-02T09:00:00+08:00',
    form: 'remote',
    mode: 'hybrid',
    location: '政协常委会议室',
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const id = made.body.meeting.id as string;
  if (open) expect((await r.chair.post(`/api/meetings/${id}/open`)).status).toBe(200);
  return id;
}

const minutesOf = async (r: Room, meetingId: string, lang = 'zh-CN') =>
  (
    await download(`${r.server.url}/api/meetings/${meetingId}/minutes?format=md&lang=${lang}`, r.secretary.cookie!)
  ).body.toString('utf8');

describe('where each person takes part', () => {
  it('is said when joining a hybrid meeting or later, set by the chair for someone, and seen by everyone in the room', async () => {
    room = await startRoom(3);
    const r = room;
    const meetingId = await hybridMeeting(r);
    const [m0, m1, m2] = r.members;
    const chair = socket(r, r.chair);
    expect((await join(chair, meetingId)).ok).toBe(true);

    // m0 joins remote: the chair sees it, and m0's own ack says so.
    const m0Seen = presence(chair, (v) => whereOf(v, m0!.id) === 'remote');
    const m0Socket = socket(r, m0!.client);
    const joined = await join(m0Socket, meetingId, 'remote');
    expect(joined.ok).toBe(true);
    expect(whereOf(joined.presence, m0!.id)).toBe('remote');
    await m0Seen;

    // m1 joins without saying: unknown until m1 says, then everyone sees it.
    const m1Socket = socket(r, m1!.client);
    const m1Joined = await join(m1Socket, meetingId);
    expect(whereOf(m1Joined.presence, m1!.id)).toBeNull();
    const m1Seen = presence(m0Socket, (v) => whereOf(v, m1!.id) === 'hall');
    expect((await m1Socket.emit('presence:where', { where: 'hall' })).ok).toBe(true);
    await m1Seen;

    // The chair sets it for m2, who is in the room; a member may not set it for someone else.
    const m2Socket = socket(r, m2!.client);
    expect((await join(m2Socket, meetingId)).ok).toBe(true);
    const forbidden = await m1Socket.emit('presence:where', { where: 'remote', userId: m2!.id });
    expect(forbidden.ok === false && forbidden.error.code).toBe('FORBIDDEN');
    const m2Seen = presence(m2Socket, (v) => whereOf(v, m2!.id) === 'remote');
    expect((await chair.emit('presence:where', { where: 'remote', userId: m2!.id })).ok).toBe(true);
    await m2Seen;
    // Nobody not in the room; no word but hall or remote; no field the contract does not name.
    for (const [payload, code] of [
      [{ where: 'remote', userId: r.members[0]!.id.replace(/.$/, 'x') }, 'VALIDATION'],
      [{ where: 'balcony' }, 'VALIDATION'],
      [{ where: 'hall', extra: 1 }, 'VALIDATION'],
    ] as const) {
      const ack = await chair.emit('presence:where', payload);
      expect(ack.ok === false && ack.error.code, JSON.stringify(payload)).toBe(code);
    }
    const badJoin = await m0Socket.emit('meeting:join', { meetingId, where: 'home' });
    expect(badJoin.ok === false && badJoin.error.code).toBe('VALIDATION');

    // Remembered for the meeting: m0 comes back without saying, still remote.
    m0Socket.close();
    const again = socket(r, m0!.client);
    expect(whereOf((await join(again, meetingId)).presence, m0!.id)).toBe('remote');

    // The attendance says so too.
    const attendance = (await r.secretary.get<{ attendance: AttendanceView }>(`/api/meetings/${meetingId}/attendance`))
      .body.attendance;
    const status = Object.fromEntries(attendance.people.map((p) => [p.userId, p.status]));
    expect(status).toMatchObject({ [m0!.id]: 'remote', [m1!.id]: 'hall', [m2!.id]: 'remote' });
    expect(attendance).toMatchObject({ mode: 'hybrid', editable: true });
  });

  it('follows the mode of a meeting that is not hybrid, where nobody says otherwise', async () => {
    room = await startRoom(1);
    const r = room;
    const chair = socket(r, r.chair);
    const joined = await join(chair, r.meetingId, 'remote');
    expect(whereOf(joined.presence, (await r.chair.get('/api/me')).body.user.id)).toBe('hall');
    const refused = await chair.emit('presence:where', { where: 'remote' });
    expect(refused.ok === false && refused.error.code).toBe('CONFLICT');
  });

  it('counts whoever was in the room when the meeting opened, where they said they were', async () => {
    room = await startRoom(2);
    const r = room;
    const meetingId = await hybridMeeting(r, false);
    const m0 = socket(r, r.members[0]!.client);
    expect((await join(m0, meetingId, 'remote')).ok).toBe(true);
    expect((await r.chair.post(`/api/meetings/${meetingId}/open`)).status).toBe(200);
    expect((await r.chair.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
    const minutes = await minutesOf(r, meetingId);
    expect(minutes).toMatch(/## 出席人员\n\n- 远程：m0（经济界）\n\n## 缺席人员\n\nm1（农业界）、official\n/);
  });
});

describe('correcting attendance', () => {
  it('is for the chair and secretariat, before the minutes are approved; the minutes print the correction', async () => {
    room = await startRoom(3);
    const r = room;
    const meetingId = await hybridMeeting(r);
    const url = `/api/meetings/${meetingId}/attendance`;
    const [m0, m1, m2] = r.members;
    const login = 'press';
    const press = await r.admin.post(`/api/orgs/${r.orgId}/members`, {
      login,
      password: `${login}-test-password`,
      displayName: '记者',
      role: 'member',
    });
    const pressClient = new TestClient(r.server.url);
    await pressClient.post('/api/auth/login', { login, password: `${login}-test-password` });
    // In the room: the chair in the hall, m0 remote, m1 without saying, a journalist (not a
    // participant) remote, the site administrator in the hall. m2 and the official never come.
    for (const [who, where] of [
      [r.chair, 'hall'],
      [m0!.client, 'remote'],
      [m1!.client, undefined],
      [pressClient, 'remote'],
      [r.admin, 'hall'],
    ] as const) {
      expect((await join(socket(r, who), meetingId, where)).ok).toBe(true);
    }
    const before = await minutesOf(r, meetingId);
    expect(before).toMatch(
      /## 出席人员\n\n- 会场：chair\n- 远程：m0（经济界）\n- 未说明参会方式：m1（农业界）\n\n## 缺席人员\n\nm2（教育界）、official\n\n## 列席人员\n\n- 会场：系统管理员\n- 远程：记者\n\n## 议程/,
    );

    // Refused: a member; a word that is not a status; a field the contract does not name; someone
    // who has nothing to do with the meeting; nothing at all.
    const entries = [
      { userId: m1!.id, status: 'hall' },
      { userId: m2!.id, status: 'remote' },
      { userId: press.body.user.id, status: 'absent' },
      { userId: r.official.id, status: 'absent' },
    ];
    expect((await m0!.client.request('PUT', url, { entries })).status).toBe(403);
    const refusals = [
      { entries: [{ userId: m1!.id, status: 'late' }] },
      { entries, note: 'x' },
      { entries: [{ userId: m1!.id, status: 'hall', extra: 1 }] },
      { entries: [] },
      { entries: [entries[0], entries[0]] },
    ];
    for (const body of refusals) {
      const res = await r.secretary.request('PUT', url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    const outsider = (await r.admin.post('/api/orgs', { name: '外市', level: 'city' })).body.org.id;
    const stranger = await r.admin.post(`/api/orgs/${outsider}/members`, {
      login: 'stranger',
      password: 'stranger-test-password',
      displayName: '外人',
      role: 'member',
    });
    const unknown = await r.secretary.request('PUT', url, {
      entries: [{ userId: stranger.body.user.id, status: 'hall' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      { path: 'entries.0.userId', message: 'not someone of this meeting or its organisation' },
    ]);

    const corrected = await r.secretary.request<{ attendance: AttendanceView; draft: string }>('PUT', url, {
      entries,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.draft).toBe('none');
    expect(corrected.body.attendance.people.find((p) => p.userId === m1!.id)).toMatchObject({
      recorded: 'unstated',
      corrected: 'hall',
      status: 'hall',
    });
    const after = await minutesOf(r, meetingId);
    expect(after).toMatch(
      /## 出席人员\n\n- 会场：chair、m1（农业界）\n- 远程：m0（经济界）、m2（教育界）\n\n## 缺席人员\n\nofficial\n\n## 列席人员\n\n- 会场：系统管理员\n\n## 议程/,
    );
    expect(after).not.toContain('?');
    const english = await minutesOf(r, meetingId, 'en');
    expect(english).toMatch(
      /## Present\n\n- In the hall: chair, m1（农业界）\n- Remote: m0（经济界）, m2（教育界）\n\n## Absent\n\nofficial\n/,
    );

    // Audited, with what was set.
    const audit = await r.secretary.get<AuditPage>(`/api/orgs/${r.orgId}/audit?action=attendance.corrected`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]!.details).toEqual({ meetingId, entries });

    // A saved draft gets the corrected attendance in place of its own; the rest of it stays.
    const draft = after.replace('（由秘书处补充会议议定的事项。）', '一致同意形成建议案。');
    expect((await r.secretary.request('PUT', `/api/meetings/${meetingId}/minutes`, { body: draft })).status).toBe(200);
    const again = await r.chair.request<{ draft: string }>('PUT', url, {
      entries: [{ userId: m2!.id, status: 'absent' }],
    });
    expect(again.body.draft).toBe('updated');
    const edited = await minutesOf(r, meetingId);
    expect(edited).toContain('## 缺席人员\n\nm2（教育界）、official\n');
    expect(edited).toContain('一致同意形成建议案。');

    // Approved minutes are final: no more corrections, and the view says so.
    expect((await r.chair.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
    expect((await r.chair.post(`/api/meetings/${meetingId}/minutes/approve`)).status).toBe(200);
    const late = await r.secretary.request('PUT', url, { entries: [{ userId: m2!.id, status: 'hall' }] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CONFLICT');
    const final = await m0!.client.get<{ attendance: AttendanceView }>(url);
    expect(final.status).toBe(200);
    expect(final.body.attendance.editable).toBe(false);
  });

  it('waits for the meeting to open, and is for those who may see the topic', async () => {
    room = await startRoom(1);
    const r = room;
    const meetingId = await hybridMeeting(r, false);
    const url = `/api/meetings/${meetingId}/attendance`;
    const early = await r.secretary.request('PUT', url, { entries: [{ userId: r.members[0]!.id, status: 'hall' }] });
    expect(early.status).toBe(409);
    expect((await r.outsider.get(url)).status).toBe(403);
    expect((await r.secretary.get('/api/meetings/nope/attendance')).status).toBe(404);
    expect((await new TestClient(r.server.url).get(url)).status).toBe(401);
  });

  it('takes turns with the approval: a correction is in the approved minutes, or refused after them', async () => {
    room = await startRoom(1);
    const r = room;
    const m0 = r.members[0]!;
    // On PostgreSQL the two requests run on two connections at once; eight rounds, eight meetings.
    for (let round = 0; round < 8; round++) {
      const meetingId = await hybridMeeting(r);
      expect((await r.chair.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
      if (round % 2 === 1) {
        // Half the rounds have a saved draft, which a correction rewrites in place.
        const generated = await minutesOf(r, meetingId);
        const saved = await r.secretary.request('PUT', `/api/meetings/${meetingId}/minutes`, { body: generated });
        expect(saved.status).toBe(200);
      }
      const [approved, corrected] = await Promise.all([
        r.chair.post(`/api/meetings/${meetingId}/minutes/approve`),
        r.secretary.request('PUT', `/api/meetings/${meetingId}/attendance`, {
          entries: [{ userId: m0.id, status: 'remote' }],
        }),
      ]);
      expect(approved.status).toBe(200);
      const minutes = await minutesOf(r, meetingId);
      if (corrected.status === 200) expect(minutes).toMatch(/远程[^\n]*m0/);
      else {
        expect(corrected.status).toBe(409);
        expect(minutes).not.toMatch(/远程[^\n]*m0/);
      }
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { AuditPage, Meeting } from '@yishi/protocol';
import { download } from '../test/documents.js';
import { startRoom, type Room } from '../test/room.js';

let room: Room | undefined;
afterEach(async () => {
  await room?.server.dispose();
  room = undefined;
});

const minutesOf = async (r: Room, lang = 'zh-CN') =>
  (
    await download(`${r.server.url}/api/meetings/${r.meetingId}/minutes?format=md&lang=${lang}`, r.secretary.cookie!)
  ).body.toString('utf8');

describe("a meeting's real times", () => {
  it('are recorded after it ended, printed in the minutes, audited, and fixed once the minutes are approved', async () => {
    room = await startRoom(1);
    const r = room;
    const url = `/api/meetings/${r.meetingId}/times`;
    const held = { openedAt: '2026-11-18T09:00:00+08:00', endedAt: '2026-11-18T09:35:00+08:00' };

    // Only an ended meeting has times to correct.
    expect((await r.secretary.request('PUT', url, held)).status).toBe(409);
    await r.secretary.post(`/api/meetings/${r.meetingId}/speeches`, {
      speakerId: r.members[0]!.id,
      kind: 'speech',
      startedAt: '2026-11-18T09:10:00+08:00',
      endedAt: '2026-11-18T09:16:00+08:00',
    });
    expect((await r.chair.post(`/api/meetings/${r.meetingId}/close`)).status).toBe(200);

    // Bad bodies change nothing: an end before the start, an end in the future, an unknown field.
    const before = await minutesOf(r);
    for (const [body, path] of [
      [{ ...held, endedAt: '2026-11-18T08:59:00+08:00' }, 'endedAt'],
      [{ ...held, endedAt: '2999-01-01T00:00:00Z' }, 'endedAt'],
      [{ ...held, place: 'hall' }, 'place'],
    ] as const) {
      const refused = await r.secretary.request('PUT', url, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.details).toMatchObject([{ path }]);
    }
    // A member of the meeting cannot; the chair and the secretariat can.
    expect((await r.members[0]!.client.request('PUT', url, held)).status).toBe(403);
    expect(await minutesOf(r)).toBe(before);

    const set = await r.secretary.request<{ meeting: Meeting; draft: string }>('PUT', url, held);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.draft).toBe('none');
    expect(set.body.meeting).toMatchObject({
      openedAt: '2026-11-18T01:00:00.000Z',
      endedAt: '2026-11-18T01:35:00.000Z',
    });
    // The generated minutes say when the meeting was held, around the speech recorded at 09:10.
    const generated = await minutesOf(r);
    expect(generated).toContain('- 时间：2026年11月18日 09:00 – 2026年11月18日 09:35\n');
    expect(generated).toContain('09:10');
    expect(await minutesOf(r, 'en')).toContain('18 November 2026, 09:00 – 18 November 2026, 09:35');

    const audit = await r.secretary.get<AuditPage>(`/api/orgs/${r.orgId}/audit?action=meeting.times_corrected`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]!.details).toMatchObject({
      meetingId: r.meetingId,
      to: { openedAt: '2026-11-18T01:00:00.000Z', endedAt: '2026-11-18T01:35:00.000Z' },
    });

    // A saved draft gets the new time line in place of its own; the rest of it stays.
    const draft = generated.replace('（由秘书处补充会议议定的事项。）', '一致同意形成建议案。');
    expect(draft).not.toBe(generated);
    expect((await r.secretary.request('PUT', `/api/meetings/${r.meetingId}/minutes`, { body: draft })).status).toBe(
      200,
    );
    const again = await r.chair.request<{ draft: string }>('PUT', url, {
      ...held,
      endedAt: '2026-11-18T09:40:00+08:00',
    });
    expect(again.body.draft).toBe('updated');
    const edited = await minutesOf(r);
    expect(edited).toContain('- 时间：2026年11月18日 09:00 – 2026年11月18日 09:40\n');
    expect(edited).toContain('一致同意形成建议案。');

    // Approved minutes fix the times too.
    expect((await r.chair.post(`/api/meetings/${r.meetingId}/minutes/approve`)).status).toBe(200);
    expect((await r.secretary.request('PUT', url, held)).status).toBe(409);
    expect(await minutesOf(r)).toContain('09:40');
  });
});

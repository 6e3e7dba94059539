import { afterEach, describe, expect, it } from 'vitest';
import type { MeetingPolls, PollResultEvent, PollView } from '@yishi/protocol';
import { TestClient } from '../test/harness.js';
import { prng } from '../test/random.js';
import { RoomClient, startRoom, type Room } from '../test/room.js';

let room: Room | undefined;
const clients: RoomClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await room?.server.dispose();
  room = undefined;
});

/** A room client that keeps every poll event it receives, in order. */
class PollWatcher {
  readonly seen: ({ type: 'state'; view: PollView } | { type: 'result'; result: PollResultEvent })[] = [];
  private waiting: { until: (w: PollWatcher) => boolean; resolve: () => void }[] = [];

  constructor(readonly client: RoomClient) {
    client.socket.on('poll:state', (view) => this.add({ type: 'state', view }));
    client.socket.on('poll:result', (result) => this.add({ type: 'result', result }));
  }

  private add(event: PollWatcher['seen'][number]): void {
    this.seen.push(event);
    this.waiting = this.waiting.filter((w) => {
      if (!w.until(this)) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once the poll's result has arrived. */
  result(pollId: string): Promise<PollResultEvent> {
    const find = () => this.seen.find((e) => e.type === 'result' && e.result.pollId === pollId);
    const found = () => (find() as { result: PollResultEvent }).result;
    if (find()) return Promise.resolve(found());
    return new Promise((resolve) =>
      this.waiting.push({ until: () => find() !== undefined, resolve: () => resolve(found()) }),
    );
  }
}

async function joined(r: Room, who: TestClient): Promise<PollWatcher> {
  const c = new RoomClient(r.server.url, who);
  clients.push(c);
  const watcher = new PollWatcher(c);
  const ack = await c.join(r.meetingId);
  if (!ack.ok) throw new Error(JSON.stringify(ack));
  return watcher;
}

/** A member of the organisation who is not a participant of the topic: an observer in the room. */
async function observer(r: Room): Promise<TestClient> {
  const login = 'press';
  const res = await r.admin.post(`/api/orgs/${r.orgId}/members`, {
    login,
    password: `${login}-test-password`,
    displayName: '记者',
    role: 'member',
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  const client = new TestClient(r.server.url);
  await client.post('/api/auth/login', { login, password: `${login}-test-password` });
  return client;
}

const errorCode = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error!.code);

describe('straw polls in a meeting', () => {
  it(
    'count fifty ballots cast at once exactly, and show nobody a tally before the close',
    { timeout: 90_000 },
    async () => {
      room = await startRoom(50);
      const r = room;
      const chair = await joined(r, r.chair);
      const voters = await Promise.all(r.members.map((m) => joined(r, m.client)));
      const watching = await joined(r, await observer(r));

      const created = await chair.client.emit('poll:create', {
        question: '优先推进哪一项措施？',
        options: ['应急转贷资金池', '融资担保', '信用信息共享'],
        kind: 'single',
        secret: false,
      });
      expect(created.ok, JSON.stringify(created)).toBe(true);
      const pollId: string = created.poll.poll.id;
      expect(errorCode(await voters[0]!.client.emit('poll:vote', { pollId, choices: [0] }))).toBe('CONFLICT');
      expect(errorCode(await voters[0]!.client.emit('poll:open', { pollId }))).toBe('FORBIDDEN');
      expect((await chair.client.emit('poll:open', { pollId })).poll.poll.status).toBe('open');

      // Everyone votes at once; then ten change their minds.
      const random = prng(7);
      const last = new Map<number, number>();
      const cast = async (i: number) => {
        const choice = Math.floor(random() * 3);
        const ack = await voters[i]!.client.emit('poll:vote', { pollId, choices: [choice] });
        expect(ack, `voter ${i}`).toEqual({ ok: true, choices: [choice] });
        last.set(i, choice);
      };
      await Promise.all(voters.map((_, i) => cast(i)));
      for (let i = 0; i < 10; i++) await cast(i * 5);

      // Refused, and changing nothing: an observer, the chair, an option out of range, two for one.
      expect(errorCode(await watching.client.emit('poll:vote', { pollId, choices: [0] }))).toBe('FORBIDDEN');
      expect(errorCode(await chair.client.emit('poll:vote', { pollId, choices: [0] }))).toBe('FORBIDDEN');
      expect(errorCode(await voters[1]!.client.emit('poll:vote', { pollId, choices: [3] }))).toBe('VALIDATION');
      expect(errorCode(await voters[1]!.client.emit('poll:vote', { pollId, choices: [0, 1] }))).toBe('VALIDATION');
      expect(errorCode(await voters[1]!.client.emit('poll:vote', { pollId, choices: [0], weight: 50 }))).toBe(
        'VALIDATION',
      );

      const closed = await chair.client.emit('poll:close', { pollId });
      expect(closed.ok).toBe(true);
      const expected = [0, 1, 2].map((option) => [...last.values()].filter((c) => c === option).length);
      expect(closed.result.tally).toEqual(expected);
      expect(closed.result.ballots).toBe(50);
      expect(closed.result.voters).toHaveLength(50);
      expect(closed.result.voters.find((v: { userId: string }) => v.userId === r.members[5]!.id).choices).toEqual([
        last.get(5),
      ]);
      expect(errorCode(await voters[2]!.client.emit('poll:vote', { pollId, choices: [0] }))).toBe('CONFLICT');

      // Every client in the room, the observer too, gets the result; before the close, only counts.
      for (const watcher of [chair, watching, ...voters]) {
        expect((await watcher.result(pollId)).tally).toEqual(expected);
        const closing = watcher.seen.findIndex((e) => e.type === 'result' || e.view.poll.status === 'closed');
        const beforeClose = watcher.seen.slice(0, closing);
        expect(beforeClose.length).toBeGreaterThan(0);
        for (const event of beforeClose) {
          expect(event.type).toBe('state');
          if (event.type === 'state') {
            expect(event.view.result).toBeNull();
            expect(JSON.stringify(event.view)).not.toContain('choices');
          }
        }
      }
      const counts = chair.seen.flatMap((e) =>
        e.type === 'state' && e.view.poll.status === 'open' ? [e.view.ballots] : [],
      );
      expect(Math.max(...counts)).toBe(50);

      const listed = (await r.members[5]!.client.get<MeetingPolls>(`/api/meetings/${r.meetingId}/polls`)).body.polls;
      expect(listed).toEqual([
        expect.objectContaining({
          ballots: 50,
          myChoices: [last.get(5)],
          result: expect.objectContaining({ tally: expected }),
        }),
      ]);
      expect((await r.outsider.get(`/api/meetings/${r.meetingId}/polls`)).status).toBe(403);
    },
  );

  it('keep no ballot of a secret poll after its close, and go into the minutes', async () => {
    room = await startRoom(3);
    const r = room;
    const chair = await joined(r, r.chair);
    const [m0, m1, m2] = await Promise.all(r.members.map((m) => joined(r, m.client)));
    const secret = await chair.client.emit('poll:create', {
      question: '是否赞成？',
      kind: 'yes_no_abstain',
      secret: true,
    });
    const pollId: string = secret.poll.poll.id;
    expect(secret.poll.poll.options).toEqual(['yes', 'no', 'abstain']);
    await chair.client.emit('poll:open', { pollId });
    // One poll of a meeting is open at a time.
    const other = await chair.client.emit('poll:create', {
      question: '下次会议放在哪里？',
      options: ['市政协', '县联络站'],
      kind: 'multiple',
      secret: false,
    });
    expect(errorCode(await chair.client.emit('poll:open', { pollId: other.poll.poll.id }))).toBe('CONFLICT');
    await m0!.client.emit('poll:vote', { pollId, choices: [0] });
    await m1!.client.emit('poll:vote', { pollId, choices: [0] });
    await m2!.client.emit('poll:vote', { pollId, choices: [2] });
    const closed = await chair.client.emit('poll:close', { pollId });
    expect(closed.result).toEqual({ pollId, tally: [2, 0, 1], ballots: 3 });
    expect(await r.server.store.polls.ballots(pollId)).toEqual([]);
    expect((await m2!.result(pollId)).voters).toBeUndefined();

    // A named poll left open closes with its meeting, and both results go into the minutes.
    const named: string = other.poll.poll.id;
    await chair.client.emit('poll:open', { pollId: named });
    await m0!.client.emit('poll:vote', { pollId: named, choices: [0, 1] });
    await m1!.client.emit('poll:vote', { pollId: named, choices: [1] });
    expect((await r.chair.post(`/api/meetings/${r.meetingId}/close`)).status).toBe(200);
    expect((await m1!.result(named)).tally).toEqual([1, 2]);
    const minutes: string = (await r.chair.get(`/api/meetings/${r.meetingId}/minutes`)).body.minutes.body;
    expect(minutes).toContain('- 表决“是否赞成？”（无记名）：赞成 2 票、反对 0 票、弃权 1 票；共 3 人投票。');
    expect(minutes).toContain('- 表决“下次会议放在哪里？”（记名）：市政协 1 票、县联络站 2 票；共 2 人投票。');
    expect(minutes).toContain('  - 县联络站：m0、m1');
    expect(minutes).not.toMatch(/赞成：/);
  });
});

import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  cosign,
  createProposal,
  handleOpinion,
  inviteCosigner,
  proposalNumber,
  recordInstruction,
  reviewProposal,
  submitOpinion,
  submitProposal,
  DutyCategories,
  type DutyActor,
  type DutyOutcome,
} from '@yishi/duty';
import type { Membership, Role } from '@yishi/protocol';
import type { Store } from '../src/store/store.js';
import { markdownTable, textTable } from './report.js';
import { signIn, type ScaleContext } from './scale.js';
import { between, personName, pick, random, SECTORS, writing, type Rng } from './scale-vocabulary.js';
import { percentile } from './stats.js';

/**
 * The duty part (issues 11 and 16): a provincial committee of `members` members and one year of
 * their work — topics they took part in, meetings they attended and spoke at, proposals they led
 * and co-signed, opinion reports they wrote — seeded through the repositories with the rules of
 * `@yishi/duty`, then read over HTTP on SQLite and on PostgreSQL: the secretariat's table of every
 * member's record, and one member's own record, each counted afresh from the store.
 */

/** The duty table's goal: the whole table of a year within a second (p95). */
export const DUTY_GOAL_MS = 1000;
export const DUTY_YEAR = 2026;
/** Requests measured per row, after WARMUP that are not: a table is a heavy request. */
const REQUESTS = 20;
const WARMUP = 3;
const DAY = 24 * 3600 * 1000;
/** The year's activity runs from mid-January to late November, in UTC well inside the committee's year. */
const YEAR_FROM = Date.parse(`${DUTY_YEAR}-01-10T00:00:00Z`);
const YEAR_TO = Date.parse(`${DUTY_YEAR}-11-20T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString();

/** How much a year holds for each member: a provincial committee's usual year, roughly. */
const PER_MEMBER = { topics: 0.12, proposals: 2, opinions: 1.5 } as const;
const PARTICIPANTS = 40;
const MEETINGS_PER_TOPIC = 2;
const ATTENDING = 30;
const SPEECHES = 12;
const DEPARTMENTS = 10;

export interface DutyRow {
  store: string;
  members: number;
  measurement: string;
  requests: number;
  p50: number;
  p95: number;
  bytes: number;
  /** The goal on the p95, where the issue sets one. */
  goalMs?: number;
}

export interface DutyResult {
  rows: DutyRow[];
  notes: string[];
}

interface DutyWorld {
  orgId: string;
  secretaryLogin: string;
  memberLogin: string;
  memberId: string;
  counts: string;
}

const valueOf = <T>(outcome: DutyOutcome<T>): T => {
  if (!outcome.ok) throw new Error(`the rules refused a seeded step: ${outcome.error.message}`);
  return outcome.value;
};

/** A member of the seeded committee. */
interface Person {
  id: string;
  login: string;
  role: Role;
  departmentId: string | null;
}

const actorOf = (p: Person): DutyActor => ({ userId: p.id, role: p.role, departmentId: p.departmentId });

/** The committee and its year, in transactions of a few hundred rows. */
export async function seedDutyYear(store: Store, members: number, passwordHash: string): Promise<DutyWorld> {
  const orgId = randomUUID();
  const createdAt = iso(YEAR_FROM - 60 * DAY);
  const departments = Array.from({ length: DEPARTMENTS }, (_, i) => ({ id: randomUUID(), name: `承办单位${i + 1}` }));
  const people: Person[] = [];
  await store.transaction(async (tx) => {
    await tx.orgs.insert({ id: orgId, name: '江北省政协', level: 'province', parentId: null, createdAt });
    for (const d of departments) await tx.departments.insert({ ...d, orgId, createdAt });
    for (let k = 0; k < members; k++) {
      const rng = random(0xd0770000 + k);
      const role: Role = k === 0 ? 'chair' : k < 3 ? 'secretariat' : k < 3 + DEPARTMENTS ? 'official' : 'member';
      const departmentId = role === 'official' ? departments[k - 3]!.id : null;
      const person: Person = { id: randomUUID(), login: `d${String(k).padStart(4, '0')}`, role, departmentId };
      people.push(person);
      const displayName = personName(rng);
      await tx.users.insert({ ...person, displayName, passwordHash, isAdmin: false, active: true, createdAt });
      const membership: Membership = {
        id: randomUUID(),
        orgId,
        userId: person.id,
        role,
        sector: role === 'member' || role === 'chair' ? pick(rng, SECTORS) : null,
        expertise: [],
        departmentId,
        active: true,
        createdAt,
      };
      await tx.memberships.insert(membership);
    }
  });
  const chair = people[0]!;
  const secretary = people[1]!;
  const officials = people.filter((p) => p.role === 'official');
  const ordinary = people.filter((p) => p.role === 'member');
  const tally = { topics: 0, meetings: 0, speeches: 0, proposals: 0, opinions: 0 };

  // Topics with their participants, meetings held, who came and who spoke.
  const topics = Math.round(members * PER_MEMBER.topics);
  for (let n = 0; n < topics; n++) {
    const rng = random(0x70b10000 + n);
    await store.transaction(async (tx) => {
      const at = YEAR_FROM + rng() * (YEAR_TO - YEAR_FROM - 40 * DAY);
      const text = writing(rng, 'none', false, 0);
      const topicId = randomUUID();
      await tx.topics.insert({
        id: topicId,
        orgId,
        title: text.title,
        summary: text.summary,
        tags: text.tags,
        stage: 'drafting',
        proposerId: pick(rng, ordinary).id,
        round: 1,
        outcomeForm: null,
        dueDate: null,
        partyContactId: null,
        createdAt: iso(at),
        updatedAt: iso(at),
      });
      const taking = chosen(rng, ordinary, PARTICIPANTS);
      for (const p of taking) {
        await tx.topics.upsertParticipant({
          topicId,
          userId: p.id,
          assessment: '熟悉情况，能够代表界别',
          addedBy: secretary.id,
          addedAt: iso(at + DAY),
        });
      }
      for (let m = 0; m < MEETINGS_PER_TOPIC; m++) {
        const starts = at + (10 + 15 * m) * DAY;
        const meetingId = randomUUID();
        await tx.meetings.insert({
          id: meetingId,
          topicId,
          title: `${text.title}（第${m + 1}次协商会）`,
          startsAt: iso(starts),
          status: 'ended',
          openedAt: iso(starts),
          endedAt: iso(starts + 2 * 3600 * 1000),
          createdBy: secretary.id,
          createdAt: iso(at + 2 * DAY),
          form: 'thematic',
          mode: 'in_person',
          place: null,
          location: null,
          video: null,
        });
        const came = chosen(rng, taking, ATTENDING);
        for (const p of came) await tx.minutes.attended(meetingId, p.id, iso(starts + rng() * 600_000), null);
        for (let s = 0; s < SPEECHES; s++) {
          const started = starts + 600_000 + s * 420_000;
          await tx.meetings.insertSpeech({
            id: randomUUID(),
            meetingId,
            speakerId: pick(rng, came).id,
            kind: 'speech',
            agendaItemId: null,
            startedAt: iso(started),
            endedAt: iso(started + 300_000),
            durationSeconds: 300,
            source: 'live',
            recordedBy: chair.id,
          });
          tally.speeches++;
        }
        tally.meetings++;
      }
    });
    tally.topics++;
  }

  // Proposals, through the rules: filed, co-signed, submitted, most accepted with a number.
  const proposals = Math.round(members * PER_MEMBER.proposals);
  let numbered = 0;
  for (let start = 0; start < proposals; start += 200) {
    await store.transaction(async (tx) => {
      for (let n = start; n < Math.min(proposals, start + 200); n++) {
        const rng = random(0x9e0b0000 + n);
        const author = pick(rng, ordinary);
        const at = YEAR_FROM + rng() * (YEAR_TO - YEAR_FROM - 30 * DAY);
        const clock = (days: number) => ({ now: iso(at + days * DAY), today: iso(at + days * DAY).slice(0, 10) });
        const text = writing(rng, 'none', false, 0);
        const input = {
          title: text.title,
          reasons: text.summary,
          suggestions: text.summary,
          category: pick(rng, DutyCategories),
        };
        let p = valueOf(createProposal(input, { id: randomUUID(), orgId, actor: actorOf(author), now: clock(0).now }));
        for (const cosigner of chosen(
          rng,
          ordinary.filter((o) => o !== author),
          between(rng, 0, 3),
        )) {
          p = valueOf(inviteCosigner(p, actorOf(author), { userId: cosigner.id, role: 'member' }, clock(0)));
          p = valueOf(cosign(p, actorOf(cosigner), clock(1)));
        }
        p = valueOf(submitProposal(p, actorOf(author), clock(2)));
        if (rng() < 0.7) {
          const lead = pick(rng, officials).departmentId!;
          p = valueOf(
            reviewProposal(
              p,
              actorOf(secretary),
              { decision: 'accepted', leadDepartmentId: lead, coDepartmentIds: [], dueDate: clock(90).today },
              {
                ...clock(5),
                number: proposalNumber(DUTY_YEAR, ++numbered),
                departmentIds: departments.map((d) => d.id),
              },
            ),
          );
        }
        await tx.proposals.insert(p, clock(5).now);
        tally.proposals++;
      }
    });
  }

  // Opinion reports: submitted, half adopted, a fifth of those with a leader's instruction.
  const opinions = Math.round(members * PER_MEMBER.opinions);
  for (let start = 0; start < opinions; start += 200) {
    await store.transaction(async (tx) => {
      for (let n = start; n < Math.min(opinions, start + 200); n++) {
        const rng = random(0x0b170000 + n);
        const at = YEAR_FROM + rng() * (YEAR_TO - YEAR_FROM - 30 * DAY);
        const clock = (days: number) => ({ now: iso(at + days * DAY), today: iso(at + days * DAY).slice(0, 10) });
        const text = writing(rng, 'none', false, 0);
        const input = { title: text.title, body: text.summary, category: pick(rng, DutyCategories) };
        const ctx = { id: randomUUID(), orgId, actor: actorOf(pick(rng, ordinary)), now: clock(0).now };
        let o = valueOf(submitOpinion(input, ctx));
        if (rng() < 0.5) {
          o = valueOf(handleOpinion(o, actorOf(secretary), { decision: 'adopted', note: '' }, clock(3)));
          if (rng() < 0.2) {
            const instruction = { by: '省领导', text: '请有关部门研究。', date: clock(10).today };
            o = valueOf(recordInstruction(o, actorOf(chair), instruction, clock(10)));
          }
        }
        await tx.opinions.insert(o, clock(0).now);
        tally.opinions++;
      }
    });
  }

  const member = ordinary[0]!;
  const counts =
    `${members} members; ${tally.topics} topics with ${PARTICIPANTS} participants each, ${tally.meetings} ` +
    `meetings held (${ATTENDING} came to each), ${tally.speeches} speeches, ${tally.proposals} proposals, ` +
    `${tally.opinions} opinion reports`;
  return { orgId, secretaryLogin: secretary.login, memberLogin: member.login, memberId: member.id, counts };
}

/** `count` different people of `among` (all of them when there are fewer). */
function chosen<T>(rng: Rng, among: readonly T[], count: number): T[] {
  const picked = new Set<T>();
  const wanted = Math.min(count, among.length);
  while (picked.size < wanted) picked.add(pick(rng, among));
  return [...picked];
}

/** REQUESTS answers of `path`, after WARMUP; each must be 200. */
async function timed(url: string, path: string, cookie: string): Promise<{ times: number[]; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    bytes = body.byteLength;
    if (i >= WARMUP) times.push(ms);
  }
  return { times: times.sort((a, b) => a - b), bytes };
}

/** Seeds each store, starts a Yishi node on it and reads the table and one record. */
export async function dutyPart(
  ctx: ScaleContext,
  stores: { label: string; env: Record<string, string>; open(): Promise<Store> }[],
  members: number,
  passwordHash: string,
): Promise<DutyResult> {
  const result: DutyResult = { rows: [], notes: [] };
  for (const target of stores) {
    const store = await target.open();
    let world: DutyWorld;
    const started = performance.now();
    try {
      ctx.say(`duty: ${target.label}, seeding a year of ${members} members`);
      world = await seedDutyYear(store, members, passwordHash);
    } finally {
      await store.close();
    }
    const seeded = ((performance.now() - started) / 1000).toFixed(1);
    result.notes.push(`Duty: ${target.label} seeded through the repositories in ${seeded} s: ${world.counts}.`);
    const server = await ctx.startYishi(`Yishi (${target.label}, duty)`, target.env);
    try {
      ctx.say(`duty: ${target.label}, measuring`);
      const table = `/api/orgs/${world.orgId}/duty?year=${DUTY_YEAR}`;
      const record = `/api/orgs/${world.orgId}/duty/${world.memberId}?year=${DUTY_YEAR}`;
      const measurements: [string, string, string, number?][] = [
        [
          `the duty table, ${members.toLocaleString('en-US')} members × 1 year (secretariat)`,
          table,
          world.secretaryLogin,
          DUTY_GOAL_MS,
        ],
        ["a member's own duty record", record, world.memberLogin],
      ];
      for (const [measurement, path, login, goalMs] of measurements) {
        const { times, bytes } = await timed(server.url, path, await signIn(server.url, login));
        result.rows.push({
          store: target.label,
          members,
          measurement,
          requests: REQUESTS,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          bytes,
          ...(goalMs ? { goalMs } : {}),
        });
      }
    } finally {
      await server.stop();
    }
  }
  return result;
}

export const dutyGoalMet = (row: DutyRow) => row.goalMs === undefined || row.p95 <= row.goalMs;

const header = ['store', 'measurement', 'p50 ms', 'p95 ms', 'KB', 'goal', 'result'];
const cells = (rows: readonly DutyRow[]) =>
  rows.map((row) => [
    row.store,
    row.measurement,
    row.p50.toFixed(1),
    row.p95.toFixed(1),
    (row.bytes / 1024).toFixed(1),
    row.goalMs ? `p95 ≤ ${row.goalMs} ms` : '—',
    row.goalMs ? (dutyGoalMet(row) ? 'PASS' : 'MISS') : '—',
  ]);

export const printDuty = (rows: readonly DutyRow[]) => textTable(header, cells(rows));
export const markdownDuty = (rows: readonly DutyRow[]) => markdownTable(header, cells(rows));

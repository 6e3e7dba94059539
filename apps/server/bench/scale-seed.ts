import { randomUUID } from 'node:crypto';
import { ProcedureLine, type AnswerDecision, type OutcomeForm, type Stage } from '@yishi/procedure';
import type { CaseDetail, Membership, OrgLevel, PersonRef, Role } from '@yishi/protocol';
import { searchText } from '../src/services/cases.service.js';
import type { Repositories, Store } from '../src/store/store.js';
import {
  answerMeasures,
  answerReason,
  between,
  COMMON_SHARE,
  expertiseOf,
  personName,
  pick,
  random,
  RARE_EVERY,
  ratingComment,
  SECTORS,
  writing,
  type Placement,
  type Rng,
} from './scale-vocabulary.js';

/**
 * Fills a store, through its repositories as the services do, with a provincial committee's five
 * years: a province, its cities and their counties, members of every sector, topics in every
 * stage and closed topics published as cases. Every row is drawn from a generator seeded with its
 * number, so that a store grown in two steps holds what one filled at once would.
 */

/** The password of every seeded account (their hash is made once: argon2 is slow on purpose). */
export const SCALE_PASSWORD = 'scale-bench-password';
const DAY = 24 * 3600 * 1000;
/** The bench's "now": cases are published before it, open topics were last changed before it. */
const NOW = Date.parse('2026-11-30T12:00:00Z');
const FIVE_YEARS_FROM = Date.parse('2022-01-01T00:00:00Z');
/** Cases' topics start before this, so that their procedure ends (and the case is published) before NOW. */
const LAST_CASE_START = Date.parse('2026-06-15T00:00:00Z');
/** Rows per transaction: large enough that commits do not dominate, small enough to show progress. */
const BATCH = 500;

interface SeedOrg {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  /** Its share of members, topics and cases, against the others'. */
  weight: number;
}

interface SeedMember {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  sector: string | null;
  /** An official's department. */
  department: { id: string; name: string } | null;
}

/** What the measuring side needs to know of a seeded store. */
export interface ScalePeople {
  province: SeedOrg;
  cities: SeedOrg[];
  counties: SeedOrg[];
  adminLogin: string;
  /** An ordinary member (role `member`) of the first county: what they read is what access rules leave. */
  memberLogin: string;
  memberOrgId: string;
}

/** The people's side of a seeded store, kept to build topics and cases in later steps. */
export interface ScaleWorld extends ScalePeople {
  orgs: SeedOrg[];
  membersOf: Map<string, SeedMember[]>;
  admin: PersonRef;
}

const CITIES = ['江城', '临川', '青州', '云阳', '丰宁', '安平'];
const COUNTIES = [
  ...'临江 平湖 清河 石门 白沙 长宁 永安 新田 安福 宜和 金溪 龙泉 桃源 松阳 云和 丰城 德兴 乐平 南丰 崇义 遂川 泰和 万年 上犹'.split(
    ' ',
  ),
];
const iso = (ms: number) => new Date(ms).toISOString();

/** Picks an organisation by weight. */
function weighted(rng: Rng, orgs: readonly SeedOrg[], total: number): SeedOrg {
  let at = rng() * total;
  for (const org of orgs) {
    at -= org.weight;
    if (at < 0) return org;
  }
  return orgs.at(-1)!;
}

/** The role of the n-th member of an organisation: a chair, a secretariat, two officials, then members. */
const roleOf = (n: number): Role => (n === 0 ? 'chair' : n === 1 ? 'secretariat' : n < 4 ? 'official' : 'member');

/** The province, six cities of four counties each; the province has eight times a county's share, a city three times. */
function orgTree(): { province: SeedOrg; cities: SeedOrg[]; counties: SeedOrg[] } {
  const id = () => randomUUID();
  const province: SeedOrg = { id: id(), name: '江南省政协', level: 'province', parentId: null, weight: 8 };
  const cities = CITIES.map((name): SeedOrg => ({
    id: id(),
    name: `${name}市政协`,
    level: 'city',
    parentId: province.id,
    weight: 3,
  }));
  const counties = COUNTIES.map((name, i): SeedOrg => ({
    id: id(),
    name: `${name}县政协`,
    level: 'county',
    parentId: cities[Math.floor(i / 4)]!.id,
    weight: 1,
  }));
  return { province, cities, counties };
}

/**
 * The organisations, the site administrator and `members` members spread over the organisations
 * by their weight, in one transaction.
 */
/** The departments of a committee's officials, by their place in the organisation's list of members. */
const DEPARTMENT_NAMES = ['发展和改革委员会', '财政局', '教育局', '农业农村局', '住房和城乡建设局', '卫生健康委员会'];

export async function seedPeople(store: Store, members: number, passwordHash: string): Promise<ScaleWorld> {
  const createdAt = iso(FIVE_YEARS_FROM - 30 * DAY);
  const { province, cities, counties } = orgTree();
  const orgs = [province, ...cities, ...counties];
  const slots = orgs.flatMap((org) => Array.from({ length: org.weight }, () => org));
  const membersOf = new Map<string, SeedMember[]>(orgs.map((o) => [o.id, []]));
  const admin = { id: randomUUID(), displayName: '系统管理员' };
  const account = (m: { id: string; login: string; displayName: string }, isAdmin: boolean) => ({
    ...m,
    passwordHash,
    isAdmin,
    active: true,
    createdAt,
  });

  await store.transaction(async (tx) => {
    for (const { id, name, level, parentId } of orgs) await tx.orgs.insert({ id, name, level, parentId, createdAt });
    await tx.users.insert(account({ ...admin, login: 'admin' }, true));
    for (let k = 0; k < members; k++) {
      const rng = random(0x5eed0000 + k);
      const org = slots[k % slots.length]!;
      const list = membersOf.get(org.id)!;
      const role = roleOf(list.length);
      const displayName = personName(rng);
      const sector = role === 'secretariat' || role === 'official' ? null : pick(rng, SECTORS);
      const login = `u${String(k).padStart(4, '0')}`;
      // Each official answers for a department of their own (names drawn without the random source,
      // so that the rest of the seeded data stays as it was).
      const department =
        role === 'official'
          ? { id: randomUUID(), name: DEPARTMENT_NAMES[list.length % DEPARTMENT_NAMES.length]! }
          : null;
      const member: SeedMember = { id: randomUUID(), login, displayName, role, sector, department };
      list.push(member);
      await tx.users.insert(account(member, false));
      if (department) await tx.departments.insert({ ...department, orgId: org.id, createdAt });
      const departmentId = department?.id ?? null;
      const membership: Membership = {
        id: randomUUID(),
        orgId: org.id,
        userId: member.id,
        role,
        sector,
        expertise: expertiseOf(rng),
        departmentId,
        active: true,
        createdAt,
      };
      await tx.memberships.insert(membership);
    }
  });

  const county = counties[0]!;
  const member = membersOf.get(county.id)!.find((m) => m.role === 'member');
  if (!member) throw new Error('BENCH_SCALE_MEMBERS is too small for a county to have an ordinary member');
  return {
    province,
    cities,
    counties,
    orgs,
    membersOf,
    admin,
    adminLogin: 'admin',
    memberLogin: member.login,
    memberOrgId: county.id,
  };
}

const FORMS: readonly OutcomeForm[] = ['recommendation', 'proposal', 'public_opinion', 'minutes', 'research_report'];
/** The procedure's main line, which every case's topic took and the unpublished topics are somewhere along. */
const ROUTE: readonly Stage[] = ProcedureLine;

function decisionOf(rng: Rng): AnswerDecision {
  const x = rng();
  return x < 0.5 ? 'adopted' : x < 0.85 ? 'partly_adopted' : 'not_adopted';
}

/** Someone of the organisation with this role (its first member when it has none). */
function someone(world: ScaleWorld, orgId: string, role: Role, rng: Rng): SeedMember {
  const list = world.membersOf.get(orgId)!;
  const fitting = list.filter((m) => m.role === role);
  return fitting.length > 0
    ? pick(rng, fitting)
    : (list[0] ?? { ...world.admin, login: world.adminLogin, role: 'member', sector: null, department: null });
}

const ref = (m: { id: string; displayName: string }): PersonRef => ({ id: m.id, displayName: m.displayName });

/** The seven transitions of a topic taken from proposal to closing, three to nineteen days apart. */
function timelineOf(
  rng: Rng,
  createdAt: number,
  people: { chair: SeedMember; official: SeedMember; secretariat: SeedMember },
): CaseDetail['timeline'] {
  let at = createdAt;
  return ROUTE.slice(1).map((to, i) => {
    at += between(rng, 3, 18) * DAY + rng() * DAY;
    const actor =
      to === 'feedback'
        ? people.official
        : to === 'consultation' || to === 'vetting'
          ? people.chair
          : people.secretariat;
    return { from: ROUTE[i]!, to, actor: ref(actor), reason: null, at: iso(at) };
  });
}

/**
 * Case number `n`: a closed topic of some organisation taken through the whole procedure and
 * published, with what a published case holds (its timeline, outcome, answer, ratings and
 * participants), and the text the library searches, composed as the publishing service composes it.
 */
function caseOf(world: ScaleWorld, n: number, total: number) {
  const rng = random(0xca5e0000 + n);
  const org = weighted(rng, world.orgs, total);
  const rare = n % RARE_EVERY === 0;
  const roll = rng();
  const common: Placement = rare || roll >= COMMON_SHARE ? 'none' : roll < COMMON_SHARE / 2 ? 'title' : 'text';
  const text = writing(rng, common, rare);
  const createdAt = FIVE_YEARS_FROM + rng() * (LAST_CASE_START - FIVE_YEARS_FROM);
  const chair = someone(world, org.id, 'chair', rng);
  const official = someone(world, org.id, 'official', rng);
  const secretariat = someone(world, org.id, 'secretariat', rng);
  const proposer = someone(world, org.id, 'member', rng);
  const timeline = timelineOf(rng, createdAt, { chair, official, secretariat });
  const closedAt = Date.parse(timeline.at(-1)!.at);
  const publishedAt = iso(closedAt + between(rng, 1, 14) * DAY);
  const form = pick(rng, FORMS);
  const decision = decisionOf(rng);
  const dueDate = iso(Date.parse(timeline[4]!.at) + 90 * DAY).slice(0, 10);
  const people = world.membersOf.get(org.id)!.filter((m) => m.role === 'member' || m.role === 'chair');
  const wanted = Math.min(people.length, between(rng, 4, 8));
  const chosen = new Set<SeedMember>();
  while (chosen.size < wanted) chosen.add(pick(rng, people));
  const participants = [...chosen];
  const answer = {
    decision,
    measures: answerMeasures(rng),
    reason: answerReason(rng),
    answeredBy: ref(official),
    answeredAt: timeline[5]!.at,
  };
  const ratings = [
    { kind: 'chair' as const, score: between(rng, 3, 5), comment: ratingComment(rng), ratedBy: ref(chair) },
    { kind: 'party_contact' as const, score: between(rng, 3, 5), comment: ratingComment(rng), ratedBy: ref(chair) },
  ];
  const blocks = text.paragraphs.map((p) => ({ type: 'paragraph', text: p, attrs: {}, markdown: p }));
  const detail: CaseDetail = {
    id: randomUUID(),
    topicId: randomUUID(),
    orgId: org.id,
    orgName: org.name,
    level: org.level,
    title: text.title,
    summary: text.summary,
    tags: text.tags,
    sectors: [...new Set(participants.map((p) => p.sector).filter((s): s is string => s !== null))],
    year: new Date(createdAt).getUTCFullYear(),
    form,
    decision,
    publishedAt,
    timeline,
    outcome: { form, blocks, citations: [], recipients: official.department ? [official.department] : [], dueDate },
    answer,
    ratings,
    participants: participants.map((p) => ({ displayName: p.displayName, sector: p.sector })),
    publishedBy: ref(secretariat),
  };
  const topic = {
    id: detail.topicId,
    orgId: org.id,
    title: text.title,
    summary: text.summary,
    tags: text.tags,
    stage: 'closed' as const,
    proposerId: proposer.id,
    round: 1,
    outcomeForm: form,
    dueDate,
    partyContactId: null,
    createdAt: iso(createdAt),
    updatedAt: iso(closedAt),
  };
  return { detail, text: searchText(detail), topic, publishedBy: secretariat.id };
}

/** The stage of a topic not published, from its age: older ones are finished, recent ones on their way. */
function stageOf(rng: Rng, ageDays: number): Stage {
  if (ageDays > 365) {
    const x = rng();
    return x < 0.55 ? 'closed' : x < 0.8 ? 'rejected' : 'withdrawn';
  }
  const step = Math.floor((ageDays / 365) * ROUTE.length + rng() * 2 - 1);
  return ROUTE[Math.max(0, Math.min(ROUTE.length - 1, step))]!;
}

/** Topic number `n` that was not published as a case: in any stage, its outcome set from drafting on. */
async function insertTopic(tx: Repositories, world: ScaleWorld, n: number, total: number): Promise<void> {
  const rng = random(0x70b1c000 + n);
  const org = weighted(rng, world.orgs, total);
  const createdAt = FIVE_YEARS_FROM + rng() * (NOW - 2 * DAY - FIVE_YEARS_FROM);
  const stage = stageOf(rng, (NOW - createdAt) / DAY);
  const updatedAt = Math.min(NOW - DAY, createdAt + between(rng, 1, 120) * DAY);
  const text = writing(rng, 'none', false, 0);
  const withOutcome = ['drafting', 'delivered', 'feedback', 'closed'].includes(stage);
  const form = withOutcome ? pick(rng, FORMS) : null;
  const dueDate = withOutcome ? iso(updatedAt + between(rng, 30, 120) * DAY).slice(0, 10) : null;
  const id = randomUUID();
  await tx.topics.insert({
    id,
    orgId: org.id,
    title: text.title,
    summary: text.summary,
    tags: text.tags,
    stage,
    proposerId: someone(world, org.id, 'member', rng).id,
    round: 1,
    outcomeForm: form,
    dueDate,
    partyContactId: null,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
  });
  if (form === null || dueDate === null || (stage !== 'delivered' && stage !== 'feedback')) return;
  const official = someone(world, org.id, 'official', rng);
  const outcome = {
    form,
    departmentIds: official.department ? [official.department.id] : [],
    dueDate,
    partyContactId: null,
  };
  await tx.topics.setOutcome(id, outcome, iso(updatedAt));
  if (stage === 'feedback') {
    await tx.topics.insertAnswer({
      topicId: id,
      round: 1,
      decision: decisionOf(rng),
      measures: answerMeasures(rng),
      reason: answerReason(rng),
      answeredBy: official.id,
      answeredAt: iso(updatedAt),
    });
  }
}

/** Half-open ranges of case and topic numbers to add to a store. */
export interface SeedRange {
  cases: readonly [from: number, to: number];
  topics: readonly [from: number, to: number];
}

/**
 * Adds the cases and topics of `range`, in transactions of BATCH cases (and their share of
 * topics), `concurrency` of them at a time (on PostgreSQL several connections hide each other's
 * round trips; SQLite has one connection, where transactions take turns anyway); `progress` hears
 * how many cases are in.
 */
export async function seedLibrary(
  store: Store,
  world: ScaleWorld,
  range: SeedRange,
  concurrency: number,
  progress: (cases: number) => void = () => {},
): Promise<void> {
  const total = world.orgs.reduce((sum, org) => sum + org.weight, 0);
  const [caseFrom, caseTo] = range.cases;
  const [topicFrom, topicTo] = range.topics;
  const batches = Math.max(1, Math.ceil((caseTo - caseFrom) / BATCH), Math.ceil((topicTo - topicFrom) / BATCH));
  /** Where batch `b` of a range [from, to) begins. */
  const cut = (from: number, to: number, b: number) => from + Math.floor(((to - from) * b) / batches);
  let next = 0;
  let done = caseFrom;
  const worker = async () => {
    for (let b = next++; b < batches; b = next++) {
      const [c0, c1] = [cut(caseFrom, caseTo, b), cut(caseFrom, caseTo, b + 1)];
      const [t0, t1] = [cut(topicFrom, topicTo, b), cut(topicFrom, topicTo, b + 1)];
      await store.transaction(async (tx) => {
        for (let n = c0; n < c1; n++) {
          const { detail, text, topic, publishedBy } = caseOf(world, n, total);
          await tx.topics.insert(topic);
          if (!(await tx.cases.insert(detail, text, publishedBy))) throw new Error(`case ${n} is in twice`);
        }
        for (let n = t0; n < t1; n++) await insertTopic(tx, world, n, total);
      });
      done += c1 - c0;
      progress(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * The demo body that `npm run demo` puts into a fresh server, through the public REST API like any
 * client: a city committee with its chair, secretariat, six members of different sectors, a
 * department official and an observer, and a county and a liaison station below it.
 * It also holds topics in several stages: proposed, vetting, preparation, one in consultation with its
 * meeting open (the live room), and one taken all the way to a published case: its meeting held in
 * person with the speeches recorded, its draft written, delivered, answered, rated and closed.
 */

import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const DEMO_PASSWORD = 'yishi-demo';

export interface DemoLogin {
  login: string;
  displayName: string;
  role: string;
  org: string;
}

const people = [
  { login: 'chair', displayName: '周立群', role: 'chair', sector: '中国共产党', expertise: ['统筹协调'] },
  { login: 'secretary', displayName: '吴文静', role: 'secretariat', sector: null, expertise: ['会务', '文稿'] },
  { login: 'member1', displayName: '李建国', role: 'member', sector: '经济界', expertise: ['营商环境', '财税'] },
  { login: 'member2', displayName: '王秀兰', role: 'member', sector: '农业界', expertise: ['乡村振兴', '农产品流通'] },
  { login: 'member3', displayName: '张明远', role: 'member', sector: '教育界', expertise: ['义务教育', '职业教育'] },
  { login: 'member4', displayName: '刘芳', role: 'member', sector: '医药卫生界', expertise: ['基层医疗', '养老服务'] },
  {
    login: 'member5',
    displayName: '陈志强',
    role: 'member',
    sector: '科学技术界',
    expertise: ['数字政府', '人工智能'],
  },
  {
    login: 'member6',
    displayName: '杨晓燕',
    role: 'member',
    sector: '社会福利和社会保障界',
    expertise: ['社区治理', '老旧小区改造'],
  },
  {
    login: 'official',
    displayName: '赵卫东',
    role: 'official',
    sector: null,
    expertise: ['城市更新', '工程建设审批'],
    department: '市住房和城乡建设局',
  },
  { login: 'observer', displayName: '孙晴', role: 'observer', sector: null, expertise: ['江城日报'] },
  // The party committee's contact (党委联系人), who rates an outcome beside the chair (书记满意).
  { login: 'contact', displayName: '郑国华', role: 'member', sector: '中国共产党', expertise: ['市委办公室联络'] },
] as const;

/** The city's departments (承办单位) that receive outcomes and handle proposals. */
const DEMO_DEPARTMENTS = ['市住房和城乡建设局', '市发展和改革委员会', '市财政局', '市教育局', '市卫生健康委员会'];

interface Org {
  id: string;
  name: string;
}

/** A signed-in HTTP client of the demo seed. */
class Caller {
  private cookie = '';

  constructor(private readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  cookieHeader(): string {
    return this.cookie;
  }

  static async signIn(baseUrl: string, login: string): Promise<Caller> {
    const caller = new Caller(baseUrl);
    await caller.call('POST', '/api/auth/login', { login, password: DEMO_PASSWORD });
    return caller;
  }
}

/**
 * Sets up a fresh server at `baseUrl` with the setup code it printed in its log and seeds it;
 * returns the logins to print.
 */
export async function seedDemo(baseUrl: string, setupCode: string): Promise<DemoLogin[]> {
  const admin = new Caller(baseUrl);
  const call = admin.call.bind(admin);
  await call('POST', '/api/setup', { login: 'admin', password: DEMO_PASSWORD, displayName: '系统管理员', setupCode });
  const city = (await call<{ org: Org }>('POST', '/api/orgs', { name: '江城市政协', level: 'city' })).org;
  const county = (
    await call<{ org: Org }>('POST', '/api/orgs', { name: '临江县政协', level: 'county', parentId: city.id })
  ).org;
  await call('POST', '/api/orgs', { name: '滨江街道委员工作室', level: 'liaison_station', parentId: county.id });

  const logins: DemoLogin[] = [{ login: 'admin', displayName: '系统管理员', role: 'site admin', org: '—' }];
  const departments = new Map<string, string>();
  for (const name of DEMO_DEPARTMENTS) {
    const made = await call<{ department: { id: string } }>('POST', `/api/orgs/${city.id}/departments`, { name });
    departments.set(name, made.department.id);
  }
  const ids: Record<string, string> = {};
  for (const person of people) {
    const created = await call<{ user: { id: string } }>('POST', `/api/orgs/${city.id}/members`, {
      login: person.login,
      password: DEMO_PASSWORD,
      displayName: person.displayName,
      role: person.role,
      sector: person.sector,
      expertise: [...person.expertise],
      ...('department' in person ? { departmentId: departments.get(person.department) } : {}),
    });
    ids[person.login] = created.user.id;
    logins.push({ login: person.login, displayName: person.displayName, role: person.role, org: city.name });
  }
  // The department the official answers for receives the demo's outcomes.
  ids.housingDepartment = departments.get('市住房和城乡建设局')!;
  await seedTopics(baseUrl, city.id, ids);
  await seedProposals(baseUrl, city.id, departments);
  return logins;
}

/** The proposals' text: what each member wrote, in the year's common subjects. */
const DEMO_PROPOSALS = {
  elevators: {
    title: '关于加快老旧小区加装电梯的提案',
    category: 'society',
    reasons:
      '全市2000年前建成的老旧小区中，六层住宅普遍没有电梯，老年居民上下楼困难。\n加装电梯协调难、审批慢、资金筹措难。',
    suggestions: '一、简化加装电梯审批流程；\n二、设立专项补贴资金池；\n三、由街道牵头协调业主意见。',
  },
  lifts: {
    title: '关于对加装电梯给予财政补贴的提案',
    category: 'society',
    reasons: '加装电梯每台造价约四十万元，低楼层住户分摊意愿低。',
    suggestions: '建议市级财政按每台十五万元给予补贴。',
  },
  clinics: {
    title: '关于提升社区卫生服务中心服务能力的提案',
    category: 'health',
    reasons: '社区卫生服务中心全科医生不足，慢病管理覆盖率偏低。',
    suggestions: '一、扩大全科医生定向培养；\n二、推行家庭医生签约服务。',
  },
  farms: {
    title: '关于完善农产品冷链物流体系的提案',
    category: 'agriculture',
    reasons: '全市农产品产后损耗率较高，县域冷库容量不足。',
    suggestions: '建设县级冷链集配中心，支持农村合作社购置冷藏设备。',
  },
  schools: {
    title: '关于推进义务教育优质均衡发展的提案',
    category: 'education',
    reasons: '城乡学校办学条件仍有差距，乡村教师流失较多。',
    suggestions: '建立城乡教师轮岗交流机制，提高乡村教师生活补助。',
  },
  data: {
    title: '关于建设全市统一政务数据平台的提案',
    category: 'science',
    reasons: '各部门业务系统分散，数据重复采集。',
    suggestions: '由市政务服务数据管理部门统筹建设统一平台。',
  },
  parking: {
    title: '关于缓解老旧小区停车难的提案',
    category: 'society',
    reasons: '老旧小区停车位严重不足。',
    suggestions: '利用边角地建设立体停车设施。',
  },
} as const;

/**
 * Proposals in every status, each taken through the same routes its people use: drafted with a
 * co-signer still to confirm, submitted, accepted and being handled (a key proposal), replied to,
 * closed with the author's assessment, not accepted, and merged into another.
 */
async function seedProposals(baseUrl: string, orgId: string, departments: Map<string, string>): Promise<void> {
  const as = async (login: string) => Caller.signIn(baseUrl, login);
  const [secretary, chair, official] = await Promise.all([as('secretary'), as('chair'), as('official')]);
  const housing = departments.get('市住房和城乡建设局')!;
  const finance = departments.get('市财政局')!;
  // Two months on, in the committee's calendar: after today whenever the demo is seeded.
  const dueDate = new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const people = await secretary.call<{ members: { userId: string; user: { login: string } }[] }>(
    'GET',
    `/api/orgs/${orgId}/members?limit=100`,
  );
  const idOf = (login: string) => people.members.find((m) => m.user.login === login)!.userId;

  const file = async (
    author: Caller,
    key: keyof typeof DEMO_PROPOSALS,
    cosigner?: [Caller, string],
    confirm = true,
  ) => {
    const { proposal } = await author.call<{ proposal: { id: string } }>(
      'POST',
      `/api/orgs/${orgId}/proposals`,
      DEMO_PROPOSALS[key],
    );
    if (cosigner) {
      await author.call('POST', `/api/proposals/${proposal.id}/cosigners`, { userId: idOf(cosigner[1]) });
      if (confirm) await cosigner[0].call('POST', `/api/proposals/${proposal.id}/cosign`);
    }
    return proposal.id;
  };
  const submit = (author: Caller, id: string) => author.call('POST', `/api/proposals/${id}/submit`);
  const accept = (id: string, co: string[] = []) =>
    secretary!.call('POST', `/api/proposals/${id}/review`, {
      decision: 'accepted',
      leadDepartmentId: housing,
      coDepartmentIds: co,
      dueDate,
    });
  const reply = (id: string, classification: string, body: string) =>
    official.call('POST', `/api/proposals/${id}/reply`, { departmentId: housing, classification, body });

  const [member1, member2, member3, member4, member6] = await Promise.all(
    ['member1', 'member2', 'member3', 'member4', 'member6'].map(as),
  );
  // Being handled, a key proposal, with a co-signer and a co-department.
  const elevators = await file(member6!, 'elevators', [member1!, 'member1']);
  await submit(member6!, elevators);
  await accept(elevators, [finance]);
  await chair.call('POST', `/api/proposals/${elevators}/key`, { key: true });
  // Merged into it.
  const lifts = await file(member1!, 'lifts');
  await submit(member1!, lifts);
  await secretary!.call('POST', `/api/proposals/${lifts}/review`, { decision: 'merged', mergedInto: elevators });
  // Replied to, waiting for its author's assessment.
  const parking = await file(member6!, 'parking');
  await submit(member6!, parking);
  await accept(parking);
  await reply(parking, 'B', '已将老旧小区停车设施纳入明年城市更新计划，利用边角地建设立体停车设施。');
  // Closed: replied to and assessed.
  const farms = await file(member2!, 'farms', [member3!, 'member3']);
  await submit(member2!, farms);
  await accept(farms);
  await reply(farms, 'A', '县级冷链集配中心已开工建设，农村合作社冷藏设备补贴政策已出台。');
  await member2!.call('POST', `/api/proposals/${farms}/assessment`, {
    satisfaction: 'satisfied',
    comment: '办理及时。',
  });
  // Not accepted, with the reason.
  const data = await file(member3!, 'data');
  await submit(member3!, data);
  await secretary!.call('POST', `/api/proposals/${data}/review`, {
    decision: 'not_accepted',
    reason: '所提事项已列入市政府年度工作计划，建议转为社情民意信息反映。',
  });
  // Submitted, waiting for the review.
  const clinics = await file(member4!, 'clinics');
  await submit(member4!, clinics);
  // A draft whose co-signer has not confirmed yet.
  await file(member3!, 'schools', [member4!, 'member4'], false);
  await seedOpinions(baseUrl, orgId, data);
}

/** The reports' text: what members saw and heard in their sectors this year. */
const DEMO_OPINIONS = {
  canteens: {
    title: '关于社区老年食堂运营困难的情况反映',
    body: '部分社区老年食堂就餐人数少、运营成本高，已有两家暂停营业。\n建议按就餐人次给予运营补贴，鼓励餐饮企业连锁运营。',
    category: 'society',
  },
  delivery: {
    title: '关于外卖骑手职业伤害保障的建议',
    body: '新就业形态劳动者参加工伤保险的比例较低，发生意外后维权困难。\n建议扩大职业伤害保障试点范围，平台企业按单缴费。',
    category: 'society',
  },
  wells: {
    title: '关于农村饮水工程管护的情况反映',
    body: '个别乡镇的集中供水工程缺乏专人管护，水质检测不及时。',
    category: 'agriculture',
  },
  pollen: {
    title: '关于行道树飞絮扰民的情况反映',
    body: '春季杨柳飞絮较多，居民反映影响出行。',
    category: 'ecology',
  },
} as const;

/**
 * Public-opinion reports in every status, through the routes their people use: submitted and
 * waiting, adopted, declined with a reason, adopted and compiled into the year's first bulletin
 * with a leader's instruction on one, and the declined proposal `notAccepted` turned into a report
 * by its author.
 */
async function seedOpinions(baseUrl: string, orgId: string, notAccepted: string): Promise<void> {
  const as = async (login: string) => Caller.signIn(baseUrl, login);
  const [secretary, chair, member1, member2, member3] = await Promise.all(
    ['secretary', 'chair', 'member1', 'member2', 'member3'].map(as),
  );
  const submit = async (author: Caller, key: keyof typeof DEMO_OPINIONS) =>
    (await author.call<{ opinion: { id: string } }>('POST', `/api/orgs/${orgId}/opinions`, DEMO_OPINIONS[key])).opinion
      .id;
  const handle = (id: string, decision: 'adopted' | 'not_adopted', note = '') =>
    secretary!.call('POST', `/api/opinions/${id}/handle`, { decision, note });

  const canteens = await submit(member1!, 'canteens');
  const delivery = await submit(member2!, 'delivery');
  // Waits for the secretariat.
  await submit(member2!, 'wells');
  const pollen = await submit(member1!, 'pollen');
  await secretary!.call('PATCH', `/api/opinions/${canteens}`, { title: '社区老年食堂运营困难亟待破解' });
  await handle(canteens, 'adopted', '反映问题具体，建议编入专报。');
  await handle(delivery, 'adopted');
  await handle(pollen, 'not_adopted', '相关部门已部署飞絮治理，近期已有同类信息报送。');
  await secretary!.call('POST', `/api/orgs/${orgId}/bulletins`, {
    title: '社情民意专报：老年助餐与新就业形态劳动者保障',
    opinionIds: [canteens, delivery],
  });
  // A leader read it yesterday, in the committee's calendar.
  const yesterday = new Date(Date.now() + 8 * 3600 * 1000 - 24 * 3600 * 1000).toISOString().slice(0, 10);
  await chair!.call('POST', `/api/opinions/${canteens}/instructions`, {
    by: '王建国（市长）',
    text: '请市民政局会同市财政局研究老年食堂运营补贴办法，一个月内报市政府。',
    date: yesterday,
  });
  // The declined proposal becomes a report at its author's wish.
  await member3!.call('POST', `/api/proposals/${notAccepted}/opinion`, {});
}

interface Topic {
  id: string;
}

/** Topics in several stages of the procedure, each reached through the same routes a user takes. */
async function seedTopics(baseUrl: string, orgId: string, ids: Record<string, string>): Promise<void> {
  const signIn = (login: string) => Caller.signIn(baseUrl, login);
  const chair = await signIn('chair');
  const secretary = await signIn('secretary');
  const [member1, member2, member3, member4, member6] = [
    await signIn('member1'),
    await signIn('member2'),
    await signIn('member3'),
    await signIn('member4'),
    await signIn('member6'),
  ];
  const propose = async (by: Caller, title: string, summary: string, tags: string[]) =>
    (await by.call<{ topic: Topic }>('POST', '/api/topics', { orgId, title, summary, tags })).topic.id;
  const advance = (id: string, to: string) => secretary.call('POST', `/api/topics/${id}/advance`, { to });
  const vetYes = (id: string) =>
    chair.call('PUT', `/api/topics/${id}/vetting`, {
      relevance: { answer: true, reason: '契合市委市政府年度重点工作，群众关注度高' },
      remit: { answer: true, reason: '属于政协协商议政的职能范围，具备开展条件' },
    });

  await propose(member3, '深化职业教育产教融合', '围绕职业院校与本地产业对接不足的问题，提出协商建议。', [
    '职业教育',
    '教育界',
  ]);

  const rural = await propose(member2, '畅通农产品产销对接渠道', '针对农产品“卖难”问题，研究产销对接的长效机制。', [
    '乡村振兴',
    '农产品流通',
  ]);
  await advance(rural, 'vetting');

  const elderly = await propose(
    member4,
    '完善社区居家养老服务',
    '聚焦助餐、助医等服务供给不足，研究社区养老服务网络建设。',
    ['养老服务', '医药卫生界'],
  );
  await advance(elderly, 'vetting');
  await vetYes(elderly);
  await advance(elderly, 'preparation');

  const lifts = await propose(member6, '推进老旧小区加装电梯', '总结试点经验，破解加装电梯中的协调难、资金难。', [
    '老旧小区改造',
    '社区治理',
  ]);
  await advance(lifts, 'vetting');
  await vetYes(lifts);
  await advance(lifts, 'preparation');
  for (const [login, assessment] of [
    ['member6', '长期从事社区工作，熟悉老旧小区改造情况'],
    ['member2', '了解城郊老旧小区居民诉求'],
    ['member4', '可从适老化角度提出意见'],
    ['official', '市住建局分管负责同志，可就政策和资金作答'],
  ] as const) {
    await secretary.call('POST', `/api/topics/${lifts}/participants`, { userId: ids[login], assessment });
  }
  await member6.call('POST', `/api/topics/${lifts}/research`, {
    title: '全市老旧小区加装电梯试点情况调研',
    authors: ['杨晓燕'],
    date: '2026-11-05',
    summary: '调研 3 个区 28 个小区，已加装 61 台，居民协商和资金分摊是主要难点。',
    body: '## 试点情况\n\n已加装电梯 61 台。\n\n## 难点\n\n- 低层住户意见难统一；\n- 资金分摊缺少指引。',
  });
  await advance(lifts, 'consultation');
  const liftsMeeting = (
    await secretary.call<{ meeting: { id: string } }>('POST', `/api/topics/${lifts}/meetings`, {
      title: '加装电梯专题协商会',
      startsAt: new Date().toISOString(),
    })
  ).meeting.id;
  // Left open, so that the live room can be tried at once.
  await chair.call('POST', `/api/meetings/${liftsMeeting}/open`);

  const business = await propose(member1, '进一步优化营商环境', '围绕中小企业融资难、审批慢的问题开展专题协商。', [
    '营商环境',
    '经济界',
  ]);
  await advance(business, 'vetting');
  await vetYes(business);
  await advance(business, 'preparation');
  for (const [login, assessment] of [
    ['member1', '企业家委员，熟悉中小企业融资情况'],
    ['member5', '长期关注数字政府和审批制度改革'],
    ['official', '市住建局分管负责同志，可就工程建设审批作答'],
  ] as const) {
    await secretary.call('POST', `/api/topics/${business}/participants`, { userId: ids[login], assessment });
  }
  await member1.call('POST', `/api/topics/${business}/research`, {
    title: '关于全市中小企业融资情况的调研报告',
    authors: ['李建国', '陈志强'],
    date: '2026-10-28',
    summary: '走访企业 42 家，座谈 6 场，梳理出融资渠道单一、审批环节多等四方面问题。',
    body: '## 主要发现\n\n1. 融资渠道单一，过度依赖银行贷款；\n2. 工程建设项目审批平均用时仍较长。\n\n## 初步建议\n\n- 设立中小企业应急转贷资金；\n- 推行“一网通办”。',
  });
  await advance(business, 'consultation');
  const meeting = (
    await secretary.call<{ meeting: { id: string } }>('POST', `/api/topics/${business}/meetings`, {
      title: '营商环境专题协商会',
      startsAt: '2026-11-18T09:00:00+08:00',
    })
  ).meeting.id;
  await chair.call('POST', `/api/meetings/${meeting}/open`);
  for (const [login, start, end] of [
    ['member1', '09:10', '09:16'],
    ['member5', '09:17', '09:22'],
    ['official', '09:23', '09:30'],
  ] as const) {
    await secretary.call('POST', `/api/meetings/${meeting}/speeches`, {
      speakerId: ids[login],
      kind: login === 'official' ? 'reply' : 'speech',
      startedAt: `2026-11-18T${start}:00+08:00`,
      endedAt: `2026-11-18T${end}:00+08:00`,
    });
  }
  await chair.call('POST', `/api/meetings/${meeting}/close`);
  // The meeting was held in the hall on the 18th and entered afterwards: its minutes say when it was held.
  await secretary!.call('PUT', `/api/meetings/${meeting}/times`, {
    openedAt: '2026-11-18T09:00:00+08:00',
    endedAt: '2026-11-18T09:35:00+08:00',
  });
  await advance(business, 'drafting');
  await closeAndPublish(
    baseUrl,
    business,
    { chair, secretary, member1, official: await signIn('official'), contact: await signIn('contact') },
    ids,
  );
}

/** Drafts, delivers, answers, rates, closes and publishes the business topic: the demo's case. */
async function closeAndPublish(
  baseUrl: string,
  topicId: string,
  as: { chair: Caller; secretary: Caller; member1: Caller; official: Caller; contact: Caller },
  ids: Record<string, string>,
): Promise<void> {
  await writeDraft(baseUrl, as.member1.cookieHeader(), topicId, [
    ['heading', '一、总体建议'],
    ['paragraph', '建议设立中小企业应急转贷资金池，由市财政首期注资两亿元，缓解企业续贷压力。'],
    ['heading', '二、具体措施'],
    {
      list: 'orderedList',
      items: [
        '推行工程建设项目审批“一网通办”，将平均审批时间压缩至六十个工作日以内。',
        '建立中小企业融资需求清单，按季度组织银企对接。',
      ],
    },
  ]);
  await as.chair.call('PUT', `/api/topics/${topicId}/outcome`, {
    form: 'recommendation',
    recipientDepartmentIds: [ids.housingDepartment!],
    // A quarter from the day the demo is made: a due date in the past is refused.
    dueDate: new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString().slice(0, 10),
    partyContactId: ids.contact,
  });
  await as.secretary.call('POST', `/api/topics/${topicId}/advance`, { to: 'delivered' });
  await as.official.call('POST', `/api/topics/${topicId}/answer`, {
    decision: 'partly_adopted',
    measures: '已设立一亿元应急转贷资金池；审批改革纳入年度重点工作。',
    reason: '资金规模受年度预算限制，分两期到位。',
  });
  // Two people rate: the chair (主席得意) and the party committee's contact (书记满意).
  await as.chair.call('POST', `/api/topics/${topicId}/ratings`, { score: 4, comment: '答复认真，措施具体。' });
  await as.contact.call('POST', `/api/topics/${topicId}/ratings`, { score: 5, comment: '建议切中要害。' });
  await as.secretary.call('POST', `/api/topics/${topicId}/advance`, { to: 'closed' });
  await as.secretary.call('POST', `/api/topics/${topicId}/publish`);
}

/** A block of a draft as `writeDraft` takes it: `[type, text, source?]`, or a list of one-line items. */
export type DraftBlockInput = [string, string, string?] | { list: 'bulletList' | 'orderedList'; items: string[] };

/** The editor's element for a block: a heading, a paragraph (citing `source`), or a list of paragraphs. */
function draftElement(block: DraftBlockInput): Y.XmlElement {
  if (!Array.isArray(block)) {
    const list = new Y.XmlElement(block.list);
    list.insert(
      0,
      block.items.map((text) => {
        const item = new Y.XmlElement('listItem');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(text)]);
        item.insert(0, [paragraph]);
        return item;
      }),
    );
    return list;
  }
  const [type, text, source] = block;
  const element = new Y.XmlElement(type);
  if (type === 'heading') element.setAttribute('level', '2' as never);
  if (source) element.setAttribute('source', source);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/**
 * Writes a draft through the /yjs endpoint as an editor would: one update, then a sync step 1 whose
 * answer can only come after the server has stored the update (a connection's messages are handled
 * in order). Each block is `[type, text]`, or `[type, text, source]` for one that cites a speech or
 * a research report (`speech:<id>`, `research:<id>`), or `{list, items}` for a list.
 */
export async function writeDraft(
  baseUrl: string,
  cookie: string,
  topicId: string,
  blocks: DraftBlockInput[],
): Promise<void> {
  const doc = new Y.Doc();
  doc.getXmlFragment('body').insert(0, blocks.map(draftElement));
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/yjs/draft:${topicId}`, { headers: { cookie } });
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 0);
      syncProtocol.writeUpdate(update, Y.encodeStateAsUpdate(doc));
      ws.send(encoding.toUint8Array(update));
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, 0);
      syncProtocol.writeSyncStep1(step1, new Y.Doc());
      ws.send(encoding.toUint8Array(step1));
    });
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2) {
        ws.close();
        resolve();
      }
    });
  });
}

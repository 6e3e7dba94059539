/**
 * The words the scale part's store is written in: titles, summaries, tags, outcome paragraphs and
 * names of a provincial committee's five years, built from lists so that a case reads like one and
 * its text is searched as a real one is. Two phrases are placed on purpose: COMMON_PHRASE in about
 * a fifth of the cases, RARE_PHRASE in one case of every RARE_EVERY; the lists hold neither.
 */

/** The phrase about a fifth of the cases hold (in the title of half of them, in the text of the rest). */
export const COMMON_PHRASE = '乡村振兴';
/** The phrase only a handful of cases hold: five of 100,000. */
export const RARE_PHRASE = '古树名木保护';
export const COMMON_SHARE = 0.2;
export const RARE_EVERY = 20_000;

/** A small, fast pseudo-random generator (mulberry32): the same seed gives the same store. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
export const between = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

/** What topics are about, each with the field it belongs to (its first tag). */
const SUBJECTS: readonly (readonly [subject: string, field: string])[] = [
  ['老旧小区加装电梯', '城乡建设'],
  ['农村生活污水治理', '生态环境'],
  ['中小企业融资', '经济发展'],
  ['职业教育产教融合', '教育'],
  ['社区居家养老服务', '社会保障'],
  ['基层医疗卫生服务', '医疗卫生'],
  ['城市内涝治理', '城乡建设'],
  ['义务教育课后服务', '教育'],
  ['新能源汽车充电设施', '城乡建设'],
  ['公共文化服务', '文化'],
  ['非物质文化遗产传承', '文化'],
  ['农产品冷链物流', '农业农村'],
  ['营商环境优化', '经济发展'],
  ['数字政府建设', '政务服务'],
  ['历史文化街区保护', '文化'],
  ['生活垃圾分类', '生态环境'],
  ['城市停车难', '城乡建设'],
  ['校园周边交通安全', '社会治理'],
  ['食品安全监管', '市场监管'],
  ['河湖长制落实', '生态环境'],
  ['高标准农田建设', '农业农村'],
  ['县域医共体建设', '医疗卫生'],
  ['普惠托育服务', '社会保障'],
  ['残疾人就业', '社会保障'],
  ['随迁子女入学', '教育'],
  ['住房公积金使用', '住房保障'],
  ['住宅小区物业管理', '社会治理'],
  ['农村宅基地管理', '农业农村'],
  ['文旅融合发展', '文化'],
  ['夜间经济', '经济发展'],
  ['智慧城市建设', '科技创新'],
  ['空气质量改善', '生态环境'],
  ['工业园区转型升级', '经济发展'],
  ['科技成果转化', '科技创新'],
  ['高层次人才引进', '科技创新'],
  ['民营经济发展', '经济发展'],
  ['乡村教师队伍建设', '教育'],
  ['网格化社会治理', '社会治理'],
  ['应急管理体系', '社会治理'],
  ['企业安全生产', '社会治理'],
  ['高层建筑消防安全', '社会治理'],
  ['电动自行车管理', '社会治理'],
  ['城乡公共交通', '城乡建设'],
  ['城乡供水一体化', '城乡建设'],
  ['流域生态补偿', '生态环境'],
  ['湿地保护修复', '生态环境'],
  ['耕地保护', '农业农村'],
  ['粮食安全', '农业农村'],
  ['预制菜产业', '经济发展'],
  ['跨境电子商务', '经济发展'],
  ['数字经济发展', '科技创新'],
  ['专精特新企业培育', '经济发展'],
  ['中医药传承创新', '医疗卫生'],
  ['中小学生心理健康', '教育'],
  ['青少年近视防控', '医疗卫生'],
  ['全民健身设施', '文化'],
  ['老年人数字鸿沟', '社会保障'],
  ['无障碍环境建设', '社会保障'],
  ['农村集体经济', '农业农村'],
  ['快递包装回收', '生态环境'],
];

const OPENINGS = [
  '关于加快推进',
  '关于进一步加强',
  '关于完善',
  '关于优化',
  '关于推动',
  '关于健全',
  '关于破解',
  '关于统筹',
];
const ENDINGS = ['的建议', '的提案', '工作的调研报告', '的协商意见', '工作的建议', '机制的建议'];
const GENERAL_TAGS = [
  '民生',
  '基层治理',
  '数字化',
  '财政投入',
  '体制机制',
  '法规制度',
  '公共服务',
  '城乡统筹',
  '营商环境',
];

const PROBLEMS = [
  '存在统筹不够、投入不足的问题',
  '各部门职责交叉，协调成本较高',
  '群众反映强烈，办理时限偏长',
  '基层力量薄弱，专业人员短缺',
  '资金来源单一，长效机制尚未建立',
  '标准不统一，监管存在空白',
  '信息共享不畅，数据重复采集',
  '政策知晓率低，落地效果不明显',
  '区域发展不平衡，农村地区短板突出',
  '考核导向不清，责任落实不到位',
];
const MEASURES = [
  '由市政府牵头建立联席会议制度',
  '将相关经费列入年度财政预算',
  '出台专项实施办法并明确时间表',
  '建立统一的信息平台实现数据共享',
  '引入社会资本参与建设和运营',
  '开展试点并及时总结推广经验',
  '加强专业人才培养和队伍建设',
  '完善考核评价和督查问责机制',
  '简化审批流程压缩办理时限',
  '发挥政协委员联系群众的作用',
];
/** Sentences of an outcome paragraph; `{s}` is the subject. */
const SENTENCES = [
  '近年来，各地围绕{s}做了大量工作，取得了阶段性成效。',
  '调研中我们走访了十二个街道和三十余家单位，召开座谈会六次。',
  '{s}涉及面广、政策性强，需要多个部门协同推进。',
  '从群众反映看，{s}仍是急难愁盼的问题之一。',
  '部分地区在{s}方面探索了有益做法，值得总结推广。',
  '建议将{s}纳入年度重点工作，明确牵头单位和责任分工。',
  '建议加大财政投入，同时引导社会力量共同参与{s}。',
  '要建立健全{s}的长效管理机制，防止重建设轻管理。',
  '应当加强对{s}工作的监督检查，定期通报进展情况。',
  '委员们一致认为，{s}关系群众切身利益，必须久久为功。',
  '协商中有关部门介绍了{s}的进展，并回应了委员关切。',
  '下一步要在制度设计、资金保障和考核评价上持续发力。',
  '同时要注重发挥数字技术作用，提高{s}的精细化水平。',
  '要尊重群众意愿，充分听取基层干部和服务对象的意见。',
];
const ANSWER_MEASURES = [
  '已将相关工作列入年度重点任务，成立工作专班，明确责任分工和完成时限。',
  '已安排专项资金，并会同相关部门制定实施方案，分批推进落实。',
  '已组织开展专项调研，相关制度文件正在征求意见，预计年内出台。',
  '已在部分区县开展试点，将在总结经验的基础上逐步推广。',
];
const ANSWER_REASONS = [
  '建议符合实际，具有较强的针对性和可操作性。',
  '部分建议受财力和政策所限，需分步实施。',
  '该建议涉及上级事权，已向上级部门反映。',
];
const RATING_COMMENTS = [
  '办理认真，措施具体。',
  '答复及时，落实到位。',
  '沟通充分，仍需持续跟踪。',
  '部分措施有待细化。',
];

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'建国秀兰明远芳志强晓燕立群文静卫东晴国华红梅海涛丽娟俊杰雪梅德明玉兰永刚春花伟东淑珍宏伟桂英建华秀英慧敏志勇',
];

/** The sectors (界别) of a provincial committee. */
export const SECTORS = [
  '中国共产党',
  '中国国民党革命委员会',
  '中国民主同盟',
  '中国民主建国会',
  '中国民主促进会',
  '中国农工民主党',
  '中国致公党',
  '九三学社',
  '无党派人士',
  '共青团',
  '总工会',
  '妇联',
  '工商联',
  '科协',
  '侨联',
  '文化艺术界',
  '科学技术界',
  '社会科学界',
  '经济界',
  '农业界',
  '教育界',
  '体育界',
  '新闻出版界',
  '医药卫生界',
  '社会福利和社会保障界',
  '少数民族界',
  '宗教界',
] as const;

export const personName = (rng: Rng): string =>
  pick(rng, SURNAMES) + pick(rng, GIVEN) + (rng() < 0.6 ? pick(rng, GIVEN) : '');

export const expertiseOf = (rng: Rng): string[] => [pick(rng, SUBJECTS)[0], pick(rng, SUBJECTS)[1]];

/** What a topic or case says: its title, summary, tags and the outcome's paragraphs. */
export interface Writing {
  title: string;
  summary: string;
  tags: string[];
  paragraphs: string[];
}

/** Where the common phrase goes in a piece of writing: the title, the text, or nowhere. */
export type Placement = 'title' | 'text' | 'none';

function paragraph(rng: Rng, subject: string): string {
  const count = between(rng, 2, 4);
  let text = '';
  for (let i = 0; i < count; i++) text += pick(rng, SENTENCES).replaceAll('{s}', subject);
  return text;
}

/**
 * A topic's or case's writing. `common` places COMMON_PHRASE; `rare` makes it the one about
 * RARE_PHRASE (its title and text).
 */
export function writing(rng: Rng, common: Placement, rare = false, paragraphs = between(rng, 3, 4)): Writing {
  const [subject, field] = rare ? [RARE_PHRASE, '生态环境'] : pick(rng, SUBJECTS);
  const title =
    common === 'title'
      ? `关于以${subject}助力${COMMON_PHRASE}的建议`
      : `${pick(rng, OPENINGS)}${subject}${pick(rng, ENDINGS)}`;
  const summary = `当前${subject}${pick(rng, PROBLEMS)}，建议${pick(rng, MEASURES)}，并${pick(rng, MEASURES)}。`;
  const tags = [field, pick(rng, GENERAL_TAGS)];
  if (common !== 'none' && rng() < 0.5) tags.push(COMMON_PHRASE);
  const body = Array.from({ length: paragraphs }, () => paragraph(rng, subject));
  if (common === 'text') body[body.length - 1] += `这项工作要与${COMMON_PHRASE}战略统筹谋划、一体推进。`;
  return { title, summary: common === 'text' ? `${summary}服务${COMMON_PHRASE}。` : summary, tags, paragraphs: body };
}

export const answerMeasures = (rng: Rng) => pick(rng, ANSWER_MEASURES);
export const answerReason = (rng: Rng) => pick(rng, ANSWER_REASONS);
export const ratingComment = (rng: Rng) => pick(rng, RATING_COMMENTS);

/**
 * Suggestions for a member's sector (界别): the parties, people's organisations and sectors of
 * CPPCC committees, by their usual short names. They are data (stored as the member's sector as
 * written here), not UI text, so they are the same in every UI language; any other can be typed.
 */
export const COMMON_SECTORS: readonly string[] = [
  '中国共产党',
  '民革',
  '民盟',
  '民建',
  '民进',
  '农工党',
  '致公党',
  '九三学社',
  '台盟',
  '无党派人士',
  '共青团',
  '工会',
  '妇联',
  '青联',
  '工商联',
  '科协',
  '台联',
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
  '对外友好界',
  '社会福利和社会保障界',
  '环境资源界',
  '少数民族界',
  '宗教界',
  '特邀人士',
];

/** Splits "城市规划，养老服务, 交通" into tags: Chinese and Latin commas, 、 and semicolons. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[,，、;；]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  return [...new Set(tags)];
}

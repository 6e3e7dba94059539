import { markdownDocument, type DocumentBlocks } from '../documents/blocks.js';
import type { DocumentLanguage } from '../documents/i18n.js';

/** A document with every block the editor makes, signed and dated as `lang` writes it. */
export function sampleDocument(lang: DocumentLanguage): DocumentBlocks {
  const document = markdownDocument(
    [
      '# 关于进一步优化营商环境的建议',
      '',
      '## 一、总体建议[^1]',
      '',
      '建议**设立**中小企业应急转贷资金池，缓解企业续贷压力。',
      '',
      '### （一）具体措施',
      '',
      '1. 第一条措施',
      '   - 子项甲',
      '   - 子项乙',
      '     1. 孙项',
      '2. 第二条措施',
      '',
      '> 引用调研报告的一段话。',
      '',
      '| 序号 | 内容 |',
      '| --- | --- |',
      '| 1 | 资金池 |',
      '',
      '[^1]: 调研报告《中小企业融资调研》',
    ].join('\n'),
  );
  document.blocks.push({
    type: 'signature',
    issuer: '某市政协办公厅',
    date: lang === 'en' ? '30 November 2026' : '2026年11月30日',
  });
  return document;
}

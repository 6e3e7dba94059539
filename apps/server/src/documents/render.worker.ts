import { markdownDocument } from './blocks.js';
import { toDocx } from './docx.js';
import type { DocumentLanguage } from './i18n.js';
import { layoutFor } from './layout.js';
import { toPdf } from './pdf.js';

/**
 * A file to draw: Markdown (already made exportable) as DOCX or PDF, in the layout of `lang`, with
 * the issuing body and the date to set at its end, if any.
 */
export interface RenderJob {
  format: 'docx' | 'pdf';
  markdown: string;
  title: string;
  lang: DocumentLanguage;
  signature?: { issuer: string; date: string };
}

/**
 * The entry of the export pool's worker threads (see renderer.ts): parses the Markdown and draws
 * the file, the work that would otherwise hold the server's event loop for as long as it takes.
 * Imports nothing but the document writers, so that it loads the same from `src/` and `dist/`.
 */
export default async function render(job: RenderJob): Promise<Uint8Array> {
  const document = markdownDocument(job.markdown);
  if (job.signature) document.blocks.push({ type: 'signature', ...job.signature });
  const meta = { title: job.title, creator: 'Yishi' };
  const layout = layoutFor(job.lang);
  return job.format === 'docx' ? toDocx(document, meta, layout) : toPdf(document, meta, layout);
}

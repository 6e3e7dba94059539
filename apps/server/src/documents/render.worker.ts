import { markdownDocument } from './blocks.js';
import { toDocx } from './docx.js';
import { toPdf } from './pdf.js';

/** A file to draw: Markdown (already made exportable) as DOCX or PDF. */
export interface RenderJob {
  format: 'docx' | 'pdf';
  markdown: string;
  title: string;
}

/**
 * The entry of the export pool's worker threads (see renderer.ts): parses the Markdown and draws
 * the file, the work that would otherwise hold the server's event loop for as long as it takes.
 * Imports nothing but the document writers, so that it loads the same from `src/` and `dist/`.
 */
export default async function render(job: RenderJob): Promise<Uint8Array> {
  const document = markdownDocument(job.markdown);
  const meta = { title: job.title, creator: 'Yishi' };
  return job.format === 'docx' ? toDocx(document, meta) : toPdf(document, meta);
}

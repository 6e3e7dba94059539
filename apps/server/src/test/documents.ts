import { execFile } from 'node:child_process';
import JSZip from 'jszip';
import * as Y from 'yjs';
import { draftDocName } from '../services/draft-doc.js';
import type { TestServer } from './harness.js';

/** The text of a DOCX's main part, as Word stores it (runs concatenated per paragraph). */
export async function docxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

/** Every XML part of a DOCX (document, styles, properties, relations), by name. */
export async function docxXmlParts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const parts = new Map<string, string>();
  for (const file of Object.values(zip.files)) {
    if (!file.dir && /\.(xml|rels)$/.test(file.name)) parts.set(file.name, await file.async('string'));
  }
  return parts;
}

/**
 * Stores an outcome draft of at least `characters` characters, in paragraphs as the editor makes
 * them, straight through the document store.
 */
export async function writeLongDraft(server: TestServer, topicId: string, characters: number): Promise<void> {
  const sentence = '建议设立中小企业应急转贷资金池，缓解续贷压力，并由市财政按年度安排风险补偿资金。';
  const doc = new Y.Doc();
  const paragraphs: Y.XmlElement[] = [];
  for (let length = 0; length < characters; length += sentence.length * 10) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(sentence.repeat(10))]);
    paragraphs.push(paragraph);
  }
  doc.getXmlFragment('body').insert(0, paragraphs);
  const now = new Date().toISOString();
  await server.store.transaction((tx) => tx.docs.append(draftDocName(topicId), Y.encodeStateAsUpdate(doc), now));
}

/** The text of every page of a PDF, as a reader extracts it (pdf.js). */
export async function pdfText(buffer: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  return pages.join('\n');
}

/**
 * The text of a PDF as poppler's `pdftotext` reads it: each page's lines in reading order, the notes
 * at its foot included, pages separated by a form feed. CI installs poppler-utils (.ci/run).
 */
export function pdftotext(buffer: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-', '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, out) =>
      error ? reject(error) : resolve(out),
    );
    child.stdin!.end(buffer);
  });
}

/** Fetches a binary download with the client's cookie. */
export async function download(
  url: string,
  cookie: string | undefined,
): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

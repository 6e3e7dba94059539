/** Where the documents of the follow-up are downloaded: meeting minutes and the outcome document. */
import type { Stage } from '@yishi/protocol';

/** The file formats offered for download, in the order the links are shown. */
export const DownloadFormats = ['docx', 'pdf', 'md'] as const;
export type DownloadFormat = (typeof DownloadFormats)[number];

/** The languages the server writes documents in (the UI's languages). */
export type DocumentLang = 'zh-CN' | 'en';

const enc = encodeURIComponent;

/** `?lang=…`: the language the server words generated text in (minutes, documents). */
export function langQuery(lang: DocumentLang): string {
  return `?${new URLSearchParams({ lang }).toString()}`;
}

/** `GET /api/meetings/:id/minutes?format=&lang=`. */
export function minutesUrl(meetingId: string, format: DownloadFormat | 'json', lang: DocumentLang): string {
  return `/api/meetings/${enc(meetingId)}/minutes?${new URLSearchParams({ format, lang }).toString()}`;
}

/** `GET /api/topics/:id/outcome/document?format=&lang=`. */
export function outcomeDocumentUrl(topicId: string, format: DownloadFormat | 'json', lang: DocumentLang): string {
  return `/api/topics/${enc(topicId)}/outcome/document?${new URLSearchParams({ format, lang }).toString()}`;
}

/** A proposal with its review, replies and assessments, in a format and language. */
export function proposalDocumentUrl(proposalId: string, format: DownloadFormat | 'json', lang: DocumentLang): string {
  return `/api/proposals/${enc(proposalId)}/document?${new URLSearchParams({ format, lang }).toString()}`;
}

/** The formats a bulletin (专报) is sent on in: it goes to leaders as a document, not as text. */
export const BulletinFormats = ['docx', 'pdf'] as const satisfies readonly DownloadFormat[];

/** A bulletin with its reports, in a format and language. */
export function bulletinDocumentUrl(bulletinId: string, format: DownloadFormat, lang: DocumentLang): string {
  return `/api/bulletins/${enc(bulletinId)}/document?${new URLSearchParams({ format, lang }).toString()}`;
}

/** Stages in which the outcome has been delivered: its document is final from then on. */
const DELIVERED: readonly Stage[] = ['delivered', 'feedback', 'closed'];

/** Whether the outcome document is the final one (the draft was frozen on delivery). */
export function outcomeIsFinal(stage: Stage): boolean {
  return DELIVERED.includes(stage);
}

import { describe, expect, it } from 'vitest';
import { bulletinDocumentUrl, langQuery, minutesUrl, outcomeDocumentUrl, outcomeIsFinal } from './documents';

describe('document addresses', () => {
  it('asks for the minutes in a format and the UI language', () => {
    expect(minutesUrl('m1', 'docx', 'zh-CN')).toBe('/api/meetings/m1/minutes?format=docx&lang=zh-CN');
    expect(minutesUrl('m/1', 'json', 'en')).toBe('/api/meetings/m%2F1/minutes?format=json&lang=en');
  });

  it('names the language of generated wording', () => {
    expect(langQuery('en')).toBe('?lang=en');
  });

  it('asks for the outcome document in a format and the UI language', () => {
    expect(outcomeDocumentUrl('t1', 'pdf', 'en')).toBe('/api/topics/t1/outcome/document?format=pdf&lang=en');
  });

  it('asks for a bulletin in a format and the UI language', () => {
    expect(bulletinDocumentUrl('b1', 'docx', 'zh-CN')).toBe('/api/bulletins/b1/document?format=docx&lang=zh-CN');
  });
});

describe('outcomeIsFinal', () => {
  it('is final from delivery on', () => {
    expect(outcomeIsFinal('delivered')).toBe(true);
    expect(outcomeIsFinal('feedback')).toBe(true);
    expect(outcomeIsFinal('closed')).toBe(true);
  });

  it('is a draft before', () => {
    expect(outcomeIsFinal('drafting')).toBe(false);
    expect(outcomeIsFinal('consultation')).toBe(false);
  });
});

/**
 * Whether a UTF-16 code unit (outside a surrogate pair) may not appear in an exported document:
 * C0 controls but tab and line feed, DEL, C1 controls, and the two code points XML 1.0 excludes
 * (U+FFFE, U+FFFF). Word refuses a DOCX whose XML holds any of them; PDF viewers draw boxes.
 */
function unexportable(unit: number): boolean {
  return (
    (unit < 0x20 && unit !== 0x09 && unit !== 0x0a) ||
    (unit >= 0x7f && unit <= 0x9f) ||
    unit === 0xfffe ||
    unit === 0xffff
  );
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Text as every exporter (Markdown, DOCX, PDF; outcome and minutes alike) takes it: line breaks
 * made `\n`, then control characters, lone surrogates and whatever else XML 1.0 forbids removed.
 * Input refuses control characters, but text stored before it did may still hold them.
 */
export function exportableText(text: string): string {
  const source = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  let out = '';
  let kept = 0;
  for (let i = 0; i < source.length; i++) {
    const unit = source.charCodeAt(i);
    if (isHigh(unit) && isLow(source.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (!unexportable(unit) && !isHigh(unit) && !isLow(unit)) continue;
    out += source.slice(kept, i);
    kept = i + 1;
  }
  return kept === 0 ? source : out + source.slice(kept);
}

/**
 * Markdown of research reports, minutes and the outcome document, rendered for `{@html}`; the
 * outcome's citations are footnotes (`[^1]`). Raw HTML in the source is escaped
 * (`html: false`) and links go through markdown-it's default validation, which drops
 * `javascript:`, `vbscript:`, `file:` and most `data:` URLs. Two changes keep the output within the
 * page's Content-Security-Policy: table alignment becomes a class instead of a `style` attribute,
 * and images become links, since only same-origin images may load. A table sits in a box of its own
 * that scrolls sideways, so a wide one never widens the page, and that the keyboard can reach (a
 * named region with `tabindex="0"`, as axe's scrollable-region-focusable rule asks).
 */
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(footnote);

md.core.ruler.push('yishi_align_classes', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const align = /text-align:\s*(left|center|right)/.exec(String(token.attrGet('style') ?? ''))?.[1];
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    if (align) token.attrJoin('class', `align-${align}`);
  }
});

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (!token) return '';
  const src = String(token.attrGet('src') ?? '');
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const text = md.utils.escapeHtml(alt || src);
  return `<a href="${md.utils.escapeHtml(src)}" rel="noopener noreferrer nofollow">${text}</a>`;
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]?.attrSet('rel', 'noopener noreferrer nofollow');
  return self.renderToken(tokens, idx, options);
};

/** What the renderer needs from the page: the name of a table's scrolling box, in the UI's language. */
export interface RenderOptions {
  tableLabel?: string;
}

md.renderer.rules.table_open = (tokens, idx, options, env, self) => {
  // Each table's box is a landmark of its own, so each gets its own name: "Table 1", "Table 2"…
  const rendering = (env ?? {}) as RenderOptions & { tables?: number };
  rendering.tables = (rendering.tables ?? 0) + 1;
  const label = md.utils.escapeHtml(`${rendering.tableLabel ?? 'Table'} ${rendering.tables}`);
  return `<div class="table-scroll" role="region" tabindex="0" aria-label="${label}">${self.renderToken(tokens, idx, options)}`;
};

md.renderer.rules.table_close = (tokens, idx, options, _env, self) => `${self.renderToken(tokens, idx, options)}</div>`;

/** HTML for a Markdown text, safe to insert with `{@html}`. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  return md.render(source, { ...options });
}

/** HTML for one line of inline Markdown (emphasis, links), without a paragraph around it; as safe. */
export function renderInlineMarkdown(source: string): string {
  return md.renderInline(source, {});
}

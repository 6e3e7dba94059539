/** Links in the draft: only web pages and e-mail addresses, never `javascript:` or `data:`. */

export const LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;

/** Whether a link target uses one of the allowed protocols. */
export function isAllowedHref(href: string): boolean {
  try {
    const { protocol } = new URL(href);
    return (LINK_PROTOCOLS as readonly string[]).includes(protocol.slice(0, -1));
  } catch {
    return false;
  }
}

/**
 * What someone typed as a link, as a link target: `example.org/x` becomes `https://example.org/x`,
 * `someone@example.org` becomes a `mailto:` link. Null when it is not an allowed link.
 */
export function normalizeHref(input: string): string | null {
  const value = input.trim();
  if (value === '' || /\s/.test(value)) return null;
  let candidate = value;
  if (!SCHEME.test(value) || /^[^:/]+:\d+(\/|$)/.test(value)) {
    candidate = EMAIL.test(value) ? `mailto:${value}` : `https://${value}`;
  }
  if (!isAllowedHref(candidate)) return null;
  if (!candidate.startsWith('mailto:')) {
    const { hostname } = new URL(candidate);
    if (!hostname.includes('.') && hostname !== 'localhost') return null;
  }
  return candidate;
}
